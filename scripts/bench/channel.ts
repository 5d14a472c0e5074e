/**
 * A Teams channel stand-in for load tests: the load tool POSTs to `/send`; the channel turns each
 * request into a Teams message for the bot (a user of its pool, a fresh activity id) and answers the
 * load tool only when the bot's reply has reached its Bot Connector endpoint. A request is thus done
 * when its reply arrives, for a bot that replies inside the turn (echo) as for one that replies later
 * through the connector (ours), and the load tool's concurrency is the number of commands in flight.
 */
import type http from 'node:http';
import { randomUUID } from 'node:crypto';
import { readBodyText } from '../../src/http/body';
import { fixture } from '../../test/support/fixtures';
import { readBody, startHttp, type Started } from '../../test/support/http';

/** Who sends what: users and tenants are taken in turn, so no two requests in flight are the same user's. */
export interface ChannelOptions {
  readonly text: string;
  readonly users: number;
  readonly tenants?: number;
  /** Conversations, taken in turn (default: one per user). */
  readonly conversations?: number;
  /** Install the bot (installationUpdate) in each conversation before its first message. */
  readonly installFirst?: boolean;
  /** Give up on a reply after this long (the load tool sees a 504). */
  readonly replyTimeoutMs?: number;
}

/** The parts of the documented Teams message the channel varies. */
interface Message {
  id?: string;
  text?: string;
  serviceUrl?: string;
  from: Record<string, unknown>;
  channelData: Record<string, unknown>;
  conversation: Record<string, unknown>;
}

const MESSAGE = fixture<Message>('teams/personal-message.json');
const INSTALL = fixture<Message>('teams/installation-update-add.json');
const REPLY = /^\/v3\/conversations\/[^/]+\/activities\/([^/]+)$/;

/** The channel: its `/send` URL for the load tool and its connector URL (the activities' serviceUrl). */
export class BenchChannel {
  private readonly pending = new Map<string, http.ServerResponse>();
  private counter = 0;
  private botUrl = '';
  /** Replies (messages, not typing) received, and connector calls of any kind. */
  replies = 0;
  connectorCalls = 0;

  private constructor(
    private readonly started: Started,
    private options: ChannelOptions,
  ) {}

  /** Starts the channel on a free loopback port. */
  static async start(options: ChannelOptions): Promise<BenchChannel> {
    const holder: { self?: BenchChannel } = {};
    const started = await startHttp((req, res) => void holder.self?.handle(req, res));
    holder.self = new BenchChannel(started, options);
    return holder.self;
  }

  /** Where the load tool sends. */
  get sendUrl(): string {
    return `${this.started.url}/send`;
  }

  /** The serviceUrl of the activities (the connector side of this server). */
  get serviceUrl(): string {
    return `${this.started.url}/`;
  }

  /** Points the channel at a bot's /api/messages, with who sends what. */
  target(botUrl: string, options: ChannelOptions = this.options): void {
    this.botUrl = botUrl;
    this.options = options;
  }

  close(): Promise<void> {
    for (const res of this.pending.values()) res.destroy();
    return this.started.close();
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const body = await readBody(req);
    const url = req.url ?? '/';
    if (url === '/send') return this.send(res);
    const match = REPLY.exec(url);
    this.connectorCalls++;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id: randomUUID() }));
    if (!match) return;
    const activity = JSON.parse(body) as { type?: string };
    if (activity.type !== 'message') return;
    this.replies++;
    const waiting = this.pending.get(decodeURIComponent(match[1]));
    if (!waiting) return;
    this.pending.delete(decodeURIComponent(match[1]));
    waiting.writeHead(200);
    waiting.end();
  }

  private async send(res: http.ServerResponse): Promise<void> {
    const n = this.counter++;
    const id = `bench-${n}`;
    const activity = this.activity(n, id);
    this.pending.set(id, res);
    const timeoutMs = this.options.replyTimeoutMs ?? 30000;
    const timer = setTimeout(() => this.fail(id, 504), timeoutMs);
    res.on('close', () => clearTimeout(timer));
    try {
      const signal = AbortSignal.timeout(timeoutMs);
      if (this.options.installFirst && n < (this.options.conversations ?? this.options.users)) {
        await this.post(this.installation(activity), signal);
      }
      if ((await this.post(activity, signal)) >= 300) this.fail(id, 502);
    } catch {
      this.fail(id, 502);
    }
  }

  /** Posts `activity` to the bot; resolves with the HTTP status once the answer is read. */
  private async post(activity: Message, signal: AbortSignal): Promise<number> {
    const answer = await fetch(`${this.botUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
      signal,
    });
    await readBodyText(answer, signal);
    return answer.status;
  }

  /** The documented installationUpdate (add) for the conversation and user of `message`. */
  private installation(message: Message): Message {
    const install = structuredClone(INSTALL);
    install.id = `${String(message.id)}-install`;
    install.serviceUrl = message.serviceUrl;
    install.from = message.from;
    install.conversation = { ...message.conversation };
    install.channelData = { tenant: message.channelData.tenant };
    return install;
  }

  private fail(id: string, status: number): void {
    const res = this.pending.get(id);
    if (!res) return;
    this.pending.delete(id);
    res.writeHead(status);
    res.end();
  }

  /** A documented Teams 1:1 message from user `n mod users` of tenant `n mod tenants`. */
  private activity(n: number, id: string): Message {
    const activity = structuredClone(MESSAGE);
    const user = n % this.options.users;
    const tenant = `00000000-0000-4000-8000-${String(n % (this.options.tenants ?? 1)).padStart(12, '0')}`;
    activity.id = id;
    activity.text = this.options.text;
    activity.serviceUrl = this.serviceUrl;
    activity.from = { ...activity.from, id: `29:bench-user-${user}`, aadObjectId: userGuid(user) };
    activity.channelData = { ...activity.channelData, tenant: { id: tenant } };
    const conversation = this.options.conversations === undefined ? user : `c${n % this.options.conversations}`;
    activity.conversation = { ...activity.conversation, id: `a:bench-${conversation}`, tenantId: tenant };
    return activity;
  }
}

/** A stable Entra object id for bench user `n`. */
export function userGuid(n: number): string {
  return `b0000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}
