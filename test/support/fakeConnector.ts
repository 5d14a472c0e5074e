/** A fake Bot Connector (Bot Framework REST API v3), as documented: the bot replies with POST /v3/conversations/{conversationId}/activities/{activityId}, sends with POST /v3/conversations/{conversationId}/activities, and gets a ResourceResponse `{ id }`. */
import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import {
  ChannelAuth,
  KEYS_PATH,
  OPENID_PATH,
  TOKEN_ISSUER,
  type ChannelAuthOptions,
  type ChannelTokenOverrides,
} from './fakeConnector/channelAuth';
import { SendLimitCheck, type SendLimits } from './fakeConnector/sendLimits';
import { readBody, startHttp, waitFor, type Started } from './http';

export type { ChannelAuthOptions, ChannelTokenOverrides } from './fakeConnector/channelAuth';

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

/** A failure as the Bot Connector documents it: an HTTP status with an ErrorResponse body `{ "error": { "code", "message" } }` (e.g. 403 BotNotInConversationRoster, 403 ConversationBlockedByUser, 404 ConversationNotFound, 429 with Retry-After, 502 ServiceError). */
export interface ConnectorFailure {
  readonly status: number;
  readonly code?: string;
  readonly retryAfter?: number;
}
/** A scripted failure of one outbound call: an error status (with headers), or no answer at all. */
export type ConnectorFault =
  number | { readonly status: number; readonly headers?: Record<string, string> } | { readonly hang: true };

const ROUTE = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/;

/** The fake connector: records activities; can be told to fail the next requests; with `auth`, signs, checks tokens. */
export class FakeConnector {
  readonly sent: SentActivity[] = [];
  /** Outbound calls answered 401 because their bearer token was missing or failed `verifyBotToken`. */
  readonly rejected: SentActivity[] = [];
  /** Outbound calls answered with a scripted fault (see failNext). */
  readonly faulted: SentActivity[] = [];
  /** The issuer of channel tokens, for the bot's ToBotFromChannelTokenIssuer. */
  readonly tokenIssuer = TOKEN_ISSUER;
  private failures: ConnectorFault[] = [];
  private limits?: SendLimitCheck;
  private readonly conversationFailures = new Map<string, { queue: ConnectorFailure[]; always: boolean }>();

  private constructor(
    private readonly started: Started,
    private readonly auth?: ChannelAuth,
  ) {}

  /** Starts the fake on a free loopback port; with `auth`, channel authentication is on. */
  static async start(options: { auth?: ChannelAuthOptions } = {}): Promise<FakeConnector> {
    const auth = options.auth && new ChannelAuth(options.auth);
    const holder: { self?: FakeConnector } = {};
    const started = await startHttp((req, res) => void holder.self?.handle(req, res));
    holder.self = new FakeConnector(started, auth);
    return holder.self;
  }

  get serviceUrl(): string {
    return `${this.started.url}/`;
  }

  /** The OpenID metadata document, for the bot's ToBotFromChannelOpenIdMetadataUrl. */
  get openIdMetadataUrl(): string {
    return `${this.started.url}${OPENID_PATH}`;
  }

  /** The kid of the channel's published signing key. */
  get keyId(): string {
    if (!this.auth) throw new Error('FakeConnector was started without auth');
    return this.auth.keyId;
  }

  /** A token as the channel signs it for this bot (for an activity from this serviceUrl unless overridden). */
  channelToken(overrides: ChannelTokenOverrides = {}): string {
    if (!this.auth) throw new Error('FakeConnector was started without auth: it signs no channel tokens');
    return this.auth.token(this.serviceUrl, overrides);
  }

  /** The Authorization header the channel sends with `activity` (whose serviceUrl the token names). */
  authorizationFor(activity: object = {}): string {
    const claimed = (activity as { serviceUrl?: unknown }).serviceUrl;
    const serviceUrl = typeof claimed === 'string' ? claimed : this.serviceUrl;
    return `Bearer ${this.channelToken({ serviceUrl })}`;
  }

  /** Answers the next requests with these faults (a status, a status with headers, or no answer) instead of success. */
  failNext(...faults: ConnectorFault[]): void {
    this.failures.push(...faults);
  }

  /** Answers the next requests to one conversation with these failures, in order; with `always`, the last one repeats forever (a conversation the bot was removed from). */
  failConversation(conversationId: string, failures: ConnectorFailure[], options: { always?: boolean } = {}): void {
    this.conversationFailures.set(conversationId, { queue: [...failures], always: options.always === true });
  }

  /** Checks Teams' send limits from now on: a request over them is answered 429 and listed by overLimit(). */
  enforceLimits(limits: SendLimits): void {
    this.limits = new SendLimitCheck(limits);
  }

  /** Requests that arrived over the limits given to enforceLimits. */
  overLimit(): SendLimitCheck['overLimit'] {
    return this.limits?.overLimit ?? [];
  }

  /** Requests to a conversation answered with a failure from failConversation, in order. */
  readonly failed: { conversationId: string; status: number }[] = [];

  messages(): SentActivity[] {
    return this.sent.filter((s) => s.activity.type === 'message');
  }

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
    const reply = (status: number, json: unknown, headers: Record<string, string> = {}): void => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(json));
    };
    if (this.auth && req.method === 'GET' && url.pathname === OPENID_PATH) {
      reply(200, this.auth.metadata(this.started.url));
      return;
    }
    if (this.auth && req.method === 'GET' && url.pathname === KEYS_PATH) {
      reply(200, this.auth.keys());
      return;
    }
    if (!match || (req.method !== 'POST' && req.method !== 'PUT')) {
      reply(404, { error: { code: 'NotFound', message: `no route ${req.method} ${url.pathname}` } });
      return;
    }
    const record = (activity: Record<string, unknown>): SentActivity => ({
      method: req.method ?? '',
      path: url.pathname,
      conversationId: decodeURIComponent(match[1]),
      replyToId: match[2] === undefined ? undefined : decodeURIComponent(match[2]),
      authorization: req.headers.authorization,
      activity,
    });
    if (this.auth && !this.auth.allows(req.headers.authorization)) {
      this.rejected.push(record(parseObject(body) ?? {}));
      reply(401, { message: 'Authorization has been denied for this request.' });
      return;
    }
    const conversationId = decodeURIComponent(match[1]);
    if (this.limits && !this.limits.arrive(conversationId)) {
      reply(429, { error: { code: 'Throttled', message: 'over the send limits' } }, { 'retry-after': '1' });
      return;
    }
    const scripted = this.nextConversationFailure(conversationId);
    if (scripted) {
      this.failed.push({ conversationId, status: scripted.status });
      const retry: Record<string, string> =
        scripted.retryAfter === undefined ? {} : { 'retry-after': String(scripted.retryAfter) };
      reply(scripted.status, { error: { code: scripted.code ?? 'ServiceError', message: 'failure' } }, retry);
      return;
    }
    const failure = this.failures.shift();
    if (failure !== undefined) {
      this.faulted.push(record(parseObject(body) ?? {}));
      // A hung call is left open until the bot gives up or close() drops the connection.
      if (typeof failure === 'object' && 'hang' in failure) return;
      const { status, headers } = typeof failure === 'number' ? { status: failure, headers: {} } : failure;
      reply(status, { error: { code: status === 429 ? 'Throttled' : 'ServiceError', message: 'injected' } }, headers);
      return;
    }
    const activity = parseObject(body);
    if (activity === undefined) {
      reply(400, { error: { code: 'BadArgument', message: 'body is not JSON' } });
      return;
    }
    this.sent.push(record(activity));
    reply(200, { id: randomUUID() });
  }

  private nextConversationFailure(conversationId: string): ConnectorFailure | undefined {
    const scripted = this.conversationFailures.get(conversationId);
    if (!scripted || scripted.queue.length === 0) return undefined;
    return scripted.queue.length === 1 && scripted.always ? scripted.queue[0] : scripted.queue.shift();
  }
}

function parseObject(body: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(body) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
