/** The HTTP front: restify with the bot endpoint and a health probe. Knows nothing of botbuilder. */
import type { Server as HttpServer } from 'node:http';
import restify from 'restify';
import { DEFAULT_REQUEST_TIMEOUT_MS } from '../config';
import { errorFields, type Logger } from '../log';
import { addAuthRoutes, PAGE_HEADERS, type AuthPages } from './authPages';
import { jsonBody } from './body';
import { answeredByDeadline, requestDeadline } from './deadline';
import { addNotifyRoute, type NotifyRoute } from './notifyRoute';

/** Headers of every answer (JSON included): no sniffing, framing, caching or referrer; the pages add their own CSP. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  ...PAGE_HEADERS,
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
};

/** Largest request body accepted by default: Teams activities are a few KB. */
export const MAX_BODY_BYTES = 256 * 1024;

/** Processes one POST /api/messages; the bot layer supplies it (CloudAdapter.process). */
export type MessagesHandler = (req: restify.Request, res: restify.Response) => Promise<void>;

/** What the server needs from the rest of the application. */
export interface ServerOptions {
  readonly messages: MessagesHandler;
  readonly health: () => Record<string, unknown>;
  readonly logger: Logger;
  /** Largest request body accepted; Teams activities are a few KB. */
  readonly maxBodyBytes?: number;
  /** Time a request has to arrive and be answered before it gets 408 or 503 and its connection is closed. */
  readonly requestTimeoutMs?: number;
  /**
   * Host names the server answers to (any when undefined). The unauthenticated demo endpoint
   * answers only to loopback names, so a web page cannot reach it through DNS rebinding.
   */
  readonly allowedHosts?: readonly string[];
  /** The consent pages, when users sign in (production mode). */
  readonly authPages?: AuthPages;
  /** The alert webhook, when NOTIFY_SECRET is set (else POST /api/notify is 404). */
  readonly notify?: NotifyRoute;
}

/** Creates (without starting) the restify server. */
export function createServer(options: ServerOptions): restify.Server {
  const server = restify.createServer({ name: 'missingkbs-bot', handleUncaughtExceptions: false });
  const log = options.logger;
  const allowed = options.allowedHosts ? new Set(options.allowedHosts) : undefined;

  server.pre(requestDeadline(options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS, log));
  server.pre((req, res, next) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    // While stopping, a keep-alive connection is closed after its response instead of waiting for more.
    if (!server.server.listening) res.setHeader('connection', 'close');
    if (allowed && !allowed.has(hostName(req.headers.host))) {
      res.send(403, { error: 'unknown host' });
      return next(false);
    }
    // Only JSON is accepted: a form or multipart post (which browsers send cross-origin without asking) is refused.
    if (req.method === 'POST' && !req.is('application/json')) {
      res.send(415, { error: 'the body must be application/json' });
      return next(false);
    }
    return next();
  });
  // Each route that takes a body names its reader: the one the router matched (`/api/notify;x` is the
  // webhook too) is the one that reads it. The webhook reads and caps its raw body itself (the
  // signature covers the exact bytes).
  server.post('/api/messages', jsonBody(options.maxBodyBytes ?? MAX_BODY_BYTES), async (req, res) => {
    try {
      await options.messages(req, res);
    } catch (err) {
      // After the deadline answered, the handler's own late answer fails: that is expected, not an error.
      if (answeredByDeadline(res)) log.debug('server.messages_late', errorFields(err));
      else log.error('server.messages_failed', errorFields(err));
      if (!res.headersSent) res.send(500, { error: 'internal error' });
    }
  });

  server.get('/healthz', (_req, res, next) => {
    res.send(200, options.health());
    next();
  });

  if (options.authPages) addAuthRoutes(server, options.authPages, log);
  if (options.notify) addNotifyRoute(server, options.notify, log);

  server.on('after', (req: restify.Request, res: restify.Response) => {
    log.debug('http.request', { method: req.method, path: req.getPath(), status: res.statusCode });
  });
  return server;
}

/** The host name of a Host header, without port or IPv6 brackets, in lower case. */
function hostName(header: string | undefined): string {
  const value = (header ?? '').trim().toLowerCase();
  if (value.startsWith('[')) return value.slice(1, value.indexOf(']'));
  return value.split(':')[0];
}

/** Starts listening; resolves with the bound port (useful when asked for port 0). */
export function listen(server: restify.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.removeListener('error', reject);
      resolve((server.address() as { port: number }).port);
    });
  });
}

/**
 * Stops accepting connections at once and waits for open ones to finish; idle keep-alive connections
 * are closed now, and any still open after `forceAfterMs` are cut.
 */
export function close(server: restify.Server, forceAfterMs = 10_000): Promise<void> {
  return new Promise((resolve) => {
    const http = server.server as HttpServer;
    const force = setTimeout(() => http.closeAllConnections(), forceAfterMs);
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    http.closeIdleConnections();
  });
}
