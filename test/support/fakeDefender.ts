/**
 * A fake Defender for Endpoint API on loopback, answering as the documentation describes:
 * `GET /api/Software/{id}/getmissingkbs` with an OData envelope, errors as
 * `{"error":{"code","message","target"}}`, 401 without a bearer token, 404 for unknown ids.
 * Tests script answers per software id; every request is recorded.
 */
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
}

/** A request the fake received. */
export interface DefenderRequest {
  readonly method: string;
  readonly path: string;
  readonly url: string;
  readonly authorization?: string;
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
  private readonly pages = new Map<string, FakeAnswer>();
  private inventory: readonly SoftwareEntity[] = [];
  private features: FakeQueryFeatures = { functions: false, orderby: false, combinations: true };

  private constructor(
    private readonly started: Started,
    private readonly verifyToken?: (token: string) => boolean,
  ) {}

  /** Starts the fake; with `verifyToken`, a bearer token it refuses gets 401, as Defender does. */
  static async start(options: { verifyToken?: (token: string) => boolean } = {}): Promise<FakeDefender> {
    const holder: { self?: FakeDefender } = {};
    const started = await startHttp((req, res) => void holder.self?.handle(req, res));
    holder.self = new FakeDefender(started, options.verifyToken);
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

  /** Serves an extra path (e.g. a nextLink target, with its query) with a fixed answer. */
  page(pathAndQuery: string, answer: FakeAnswer): this {
    this.pages.set(pathAndQuery, answer);
    return this;
  }

  /**
   * The inventory `GET /api/Software` serves through the documented OData options. By default only
   * the documented ones (eq on id/name/vendor, and/or, $top, $skip): functions (`contains`...) and
   * `$orderby` get 400 unless turned on; `combinations: false` makes and/or a 400 too;
   * `orderby: 'ignored'` answers 200 in the inventory's own order, as a server may for an unknown option.
   */
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
    this.requests.push({
      method: req.method ?? '',
      path: url.pathname,
      url: req.url ?? '',
      authorization: req.headers.authorization,
    });
    const bearer = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!bearer || (this.verifyToken && !this.verifyToken(bearer))) {
      return send(res, { status: 401, body: odataError('Unauthorized', 'Authorization header is missing or invalid') });
    }
    const extra = this.pages.get(url.pathname + url.search);
    if (extra) return send(res, extra);
    if (req.method === 'GET' && LIST.test(url.pathname)) return this.list(res, url.searchParams);
    const match = ROUTE.exec(url.pathname);
    if (req.method !== 'GET' || !match) {
      return send(res, { status: 404, body: odataError('ResourceNotFound', 'Resource not found') });
    }
    const id = decodeURIComponent(match[1]).toLowerCase();
    const queue = this.scripts.get(id);
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
  res.end(body);
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
