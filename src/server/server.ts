/** The HTTP front: restify with the bot endpoint and a health probe. Knows nothing of botbuilder. */
import restify from 'restify';
import type { Logger } from '../log';

/** Processes one POST /api/messages; the bot layer supplies it (CloudAdapter.process). */
export type MessagesHandler = (req: restify.Request, res: restify.Response) => Promise<void>;

/** What the server needs from the rest of the application. */
export interface ServerOptions {
  readonly messages: MessagesHandler;
  readonly health: () => Record<string, unknown>;
  readonly logger: Logger;
  /** Largest request body accepted; Teams activities are a few KB. */
  readonly maxBodyBytes?: number;
}

/** Creates (without starting) the restify server. */
export function createServer(options: ServerOptions): restify.Server {
  const server = restify.createServer({ name: 'missingkbs-bot', handleUncaughtExceptions: false });
  const log = options.logger;
  server.use(restify.plugins.bodyParser({ maxBodySize: options.maxBodyBytes ?? 1024 * 1024, mapParams: false }));

  server.post('/api/messages', async (req, res) => {
    try {
      await options.messages(req, res);
    } catch (err) {
      log.error('server.messages_failed', { error: err instanceof Error ? err.message : String(err) });
      if (!res.headersSent) res.send(500, { error: 'internal error' });
    }
  });

  server.get('/healthz', (_req, res, next) => {
    res.send(200, options.health());
    next();
  });

  server.on('after', (req: restify.Request, res: restify.Response) => {
    log.debug('http.request', { method: req.method, path: req.getPath(), status: res.statusCode });
  });
  return server;
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

/** Stops accepting connections and waits for open ones to finish. */
export function close(server: restify.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
  });
}
