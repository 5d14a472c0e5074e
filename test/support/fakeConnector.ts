/**
 * A fake Bot Connector (Bot Framework REST API v3), as documented: the bot replies with
 * POST /v3/conversations/{conversationId}/activities/{activityId}, sends with
 * POST /v3/conversations/{conversationId}/activities, and gets a ResourceResponse `{ id }`.
 */
import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import { readBody, startHttp, waitFor, type Started } from './http';

/** One activity the bot sent, with where it was sent. */
export interface SentActivity {
  readonly method: string;
  readonly path: string;
  readonly conversationId: string;
  /** The activity replied to (from the path), for replies. */
  readonly replyToId?: string;
  readonly authorization?: string;
  readonly activity: Record<string, any>;
}

const ROUTE = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/;

/** The fake connector: records activities; can be told to fail the next requests. */
export class FakeConnector {
  readonly sent: SentActivity[] = [];
  private failures: number[] = [];

  private constructor(private readonly started: Started) {}

  /** Starts the fake on a free loopback port. */
  static async start(): Promise<FakeConnector> {
    const holder: { self?: FakeConnector } = {};
    const started = await startHttp((req, res) => void holder.self?.handle(req, res));
    holder.self = new FakeConnector(started);
    return holder.self;
  }

  /** The serviceUrl activities should carry. */
  get serviceUrl(): string {
    return `${this.started.url}/`;
  }

  /** Answers the next requests with these statuses instead of success. */
  failNext(...statuses: number[]): void {
    this.failures.push(...statuses);
  }

  /** Messages (not typing) sent so far. */
  messages(): SentActivity[] {
    return this.sent.filter((s) => s.activity.type === 'message');
  }

  /** Waits until `count` messages have arrived, and returns them. */
  async waitForMessages(count: number, timeoutMs = 5000): Promise<SentActivity[]> {
    return waitFor(
      () => (this.messages().length >= count ? this.messages() : undefined),
      timeoutMs,
      `${count} message(s)`,
    );
  }

  close(): Promise<void> {
    return this.started.close();
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://connector');
    const match = ROUTE.exec(url.pathname);
    const reply = (status: number, json: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(json));
    };
    if (!match || (req.method !== 'POST' && req.method !== 'PUT')) {
      reply(404, { error: { code: 'NotFound', message: `no route ${req.method} ${url.pathname}` } });
      return;
    }
    const failure = this.failures.shift();
    if (failure !== undefined) {
      reply(failure, { error: { code: 'ServiceError', message: 'injected failure' } });
      return;
    }
    let activity: Record<string, unknown>;
    try {
      activity = JSON.parse(body) as Record<string, unknown>;
    } catch {
      reply(400, { error: { code: 'BadArgument', message: 'body is not JSON' } });
      return;
    }
    this.sent.push({
      method: req.method,
      path: url.pathname,
      conversationId: decodeURIComponent(match[1]),
      replyToId: match[2] === undefined ? undefined : decodeURIComponent(match[2]),
      authorization: req.headers.authorization,
      activity,
    });
    reply(200, { id: randomUUID() });
  }
}
