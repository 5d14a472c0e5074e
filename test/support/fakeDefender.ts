/** A fake Defender for Endpoint API on loopback, answering as the documentation describes: */
import type http from 'node:http';
import { applyQuery, QueryError, type QueryFeatures, type SoftwareEntity } from '../../src/defender/demo/query';
import { startHttp, type Started } from './http';

/** One scripted answer. `body` objects are sent as JSON; strings as they are. */
export interface FakeAnswer {
  readonly status?: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  readonly delayMs?: number;
  /** Destroy the socket instead of answering (a connection reset). */
  readonly reset?: boolean;
  /** Send the headers, then the body `bytes` at a time every `everyMs` (a slow trickle). */
  readonly trickle?: { readonly bytes: number; readonly everyMs: number };
  /** Send the headers and the body's first `afterBytes`, then nothing more (`hang`) or reset the connection. */
  readonly cut?: { readonly afterBytes: number; readonly then: 'hang' | 'reset' };
}

/** A request the fake received. */
export interface DefenderRequest {
  readonly method: string;
  readonly path: string;
  readonly url: string;
  readonly authorization?: string;
  /** The token's tenant and principal, when `claimsOf` reads them. */
  readonly tenantId?: string;
  readonly oid?: string;
  /** 'app' for an app-only token, 'user' for a delegated one. */
  readonly idtyp?: string;
}

/** Options of `FakeDefender.start`. */
export interface FakeDefenderOptions {
  /** A bearer token it refuses gets 401, as Defender does. */
  readonly verifyToken?: (token: string) => boolean;
  /** The claims of a token (tid, oid, idtyp), to serve each tenant its own data. */
  readonly claimsOf?: (token: string) => Record<string, any> | undefined;
}

const ROUTE = /^\/api\/software\/([^/]+)\/getmissingkbs$/i;
const LIST = /^\/api\/software\/?$/i;

/** A software entity as documented for `GET /api/Software`, with defaults for the fields a test leaves out. */
export function softwareItem(id: string, extra: Partial<SoftwareEntity> = {}): SoftwareEntity {
  const [vendor, name] = id.split('-_-');
  return {
    id,
    name: name ?? id,
    vendor: vendor ?? '',
    weaknesses: 1,
    publicExploit: false,
    activeAlert: false,
    exposedMachines: 1,
    impactScore: 0,
    ...extra,
  };
}

/** Builds the documented success envelope around items. */
export function odata(items: unknown[], nextLink?: string): Record<string, unknown> {
  return {
    '@odata.context':
      'https://api.security.microsoft.com/api/$metadata#Collection(microsoft.windowsDefenderATP.api.PublicProductFixDto)',
    value: items,
    ...(nextLink ? { '@odata.nextLink': nextLink } : {}),
  };
}

/** Builds the documented error body. */
export function odataError(code: string, message: string, target = 'f3a5c2e8-8d0b-4b7e-9a55-1c2b3d4e5f60'): unknown {
  return { error: { code, message, target } };
}

/** What the fake's software list understands; `orderby: 'ignored'` takes `$orderby` and does not sort. */
export type FakeQueryFeatures = Omit<QueryFeatures, 'orderby'> & { readonly orderby: boolean | 'ignored' };

/** The fake API server. */
export class FakeDefender {
  readonly requests: DefenderRequest[] = [];
  private readonly scripts = new Map<string, FakeAnswer[]>();
  private readonly tenantScripts = new Map<string, FakeAnswer[]>();
  private readonly roleless = new Set<string>();
  private readonly pages = new Map<string, FakeAnswer>();
  private inventory: readonly SoftwareEntity[] = [];
  private features: FakeQueryFeatures = { functions: false, orderby: false, combinations: true };

  private constructor(
    private readonly started: Started,
    private readonly options: FakeDefenderOptions,
  ) {}

  static async start(options: FakeDefenderOptions = {}): Promise<FakeDefender> {
    const holder: { self?: FakeDefender } = {};
    const started = await startHttp((req, res) => void holder.self?.handle(req, res));
    holder.self = new FakeDefender(started, options);
    return holder.self;
  }

  get url(): string {
    return this.started.url;
  }

  /** Scripts the answers for one software id (lower case); the last answer repeats. */
  script(softwareId: string, ...answers: FakeAnswer[]): this {
    this.scripts.set(softwareId.toLowerCase(), [...answers]);
    return this;
  }

  /** Scripts the answers for one software id in one tenant only: a token of that tenant gets them, a token of any other tenant gets 404 (unless `script` gave answers for every tenant). */
  scriptIn(tenantId: string, softwareId: string, ...answers: FakeAnswer[]): this {
    this.tenantScripts.set(`${tenantId.toLowerCase()}/${softwareId.toLowerCase()}`, [...answers]);
    return this;
  }

  /** The user (object id) has no Defender role: every request with their token gets 403. */
  withoutRole(oid: string): this {
    this.roleless.add(oid.toLowerCase());
    return this;
  }

  /** Serves an extra path (e.g. a nextLink target, with its query) with a fixed answer. */
  page(pathAndQuery: string, answer: FakeAnswer): this {
    this.pages.set(pathAndQuery, answer);
    return this;
  }

  /** The inventory `GET /api/Software` serves through the documented OData options. */
  software(items: readonly SoftwareEntity[], features: Partial<FakeQueryFeatures> = {}): this {
    this.inventory = items;
    this.features = { functions: false, orderby: false, combinations: true, ...features };
    return this;
  }

  close(): Promise<void> {
    return this.started.close();
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const bearer = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    const claims = bearer ? this.options.claimsOf?.(bearer) : undefined;
    const tenantId = typeof claims?.tid === 'string' ? claims.tid.toLowerCase() : undefined;
    this.requests.push({
      method: req.method ?? '',
      path: url.pathname,
      url: req.url ?? '',
      authorization: req.headers.authorization,
      ...(claims ? { tenantId, oid: claims.oid as string, idtyp: claims.idtyp as string } : {}),
    });
    if (!bearer || (this.options.verifyToken && !this.options.verifyToken(bearer))) {
      return send(res, { status: 401, body: odataError('Unauthorized', 'Authorization header is missing or invalid') });
    }
    if (typeof claims?.oid === 'string' && this.roleless.has(claims.oid.toLowerCase())) {
      return send(res, { status: 403, body: odataError('Forbidden', 'The user has no Defender role for this data') });
    }
    const extra = this.pages.get(url.pathname + url.search);
    if (extra) return send(res, extra);
    if (req.method === 'GET' && LIST.test(url.pathname)) return this.list(res, url.searchParams);
    const match = ROUTE.exec(url.pathname);
    if (req.method !== 'GET' || !match) {
      return send(res, { status: 404, body: odataError('ResourceNotFound', 'Resource not found') });
    }
    const id = decodeURIComponent(match[1]).toLowerCase();
    const queue = this.tenantScripts.get(`${tenantId ?? ''}/${id}`) ?? this.scripts.get(id);
    if (!queue || queue.length === 0) {
      return send(res, { status: 404, body: odataError('ResourceNotFound', `Software ${id} was not found`) });
    }
    const answer = queue.length > 1 ? queue.shift()! : queue[0];
    return send(res, answer);
  }

  private list(res: http.ServerResponse, params: URLSearchParams): Promise<void> {
    try {
      const { orderby } = this.features;
      if (orderby === 'ignored') params.delete('$orderby');
      const value = applyQuery(this.inventory, params, { ...this.features, orderby: orderby === true });
      const context = 'https://api.security.microsoft.com/api/$metadata#Software';
      return send(res, { body: { '@odata.context': context, value } });
    } catch (err) {
      if (!(err instanceof QueryError)) throw err;
      return send(res, { status: 400, body: odataError('InvalidInput', err.message) });
    }
  }
}

async function send(res: http.ServerResponse, answer: FakeAnswer): Promise<void> {
  if (answer.delayMs) {
    // The wait ends early when the client gives up or the fake closes, so no timer outlives a test.
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, answer.delayMs);
      res.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    if (res.destroyed) return;
  }
  if (answer.reset) {
    res.socket?.destroy();
    return;
  }
  const body =
    answer.body === undefined ? '' : typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
  const type = typeof answer.body === 'string' ? 'text/plain' : 'application/json; charset=utf-8';
  res.writeHead(answer.status ?? 200, { 'content-type': type, ...answer.headers });
  if (answer.trickle) return trickle(res, Buffer.from(body, 'utf8'), answer.trickle);
  if (answer.cut) return cut(res, Buffer.from(body, 'utf8'), answer.cut);
  res.end(body);
}

/** Sends the headers and the start of `body`; then resets the connection once that is out, or leaves it open. */
function cut(res: http.ServerResponse, body: Buffer, { afterBytes, then }: NonNullable<FakeAnswer['cut']>): void {
  res.flushHeaders();
  const start = body.subarray(0, afterBytes);
  const flushed = (): void => {
    if (then === 'reset') res.socket?.destroy();
  };
  if (start.length > 0) res.write(start, flushed);
  else setImmediate(flushed);
}

/** Writes `body` a few bytes at a time; stops when the client goes away. */
async function trickle(
  res: http.ServerResponse,
  body: Buffer,
  { bytes, everyMs }: NonNullable<FakeAnswer['trickle']>,
): Promise<void> {
  for (let at = 0; at < body.length && !res.destroyed; at += bytes) {
    res.write(body.subarray(at, at + bytes));
    await new Promise((r) => setTimeout(r, everyMs));
  }
  if (!res.destroyed) res.end();
}
