/**
 * POST /api/notify over restify: reads the raw body itself (the route has no JSON parser) with a
 * 16 KB cap enforced while reading, so a missing, lying or chunked length cannot get more through,
 * then hands headers and bytes to the webhook logic (src/alerts/notify.ts).
 */
import type restify from 'restify';
import { errorFields, type Logger } from '../log';
import { answeredByDeadline } from './deadline';

/** The webhook's path. */
export const NOTIFY_PATH = '/api/notify';

/** What the route needs: the byte cap and the logic. */
export interface NotifyRoute {
  readonly maxBodyBytes: number;
  readonly handle: (call: {
    timestamp?: string;
    signature?: string;
    rawBody: Buffer;
  }) => Promise<{ status: number; body: Record<string, unknown> }>;
}

/** Adds the route. */
export function addNotifyRoute(server: restify.Server, route: NotifyRoute, log: Logger): void {
  server.post(NOTIFY_PATH, async (req, res) => {
    try {
      const rawBody = await readCapped(req, route.maxBodyBytes);
      if (!rawBody) {
        log.warn('alerts.notify_refused', { status: 413, reason: 'body too large' });
        // The rest of the body is not read: close the connection instead of draining it.
        res.header('connection', 'close');
        res.send(413, { error: `the body must be at most ${route.maxBodyBytes} bytes` });
        return;
      }
      const answer = await route.handle({
        timestamp: header(req, 'x-missingkbs-timestamp'),
        signature: header(req, 'x-missingkbs-signature'),
        rawBody,
      });
      // Answered already when the deadline passed (the work itself went on and is logged).
      if (answeredByDeadline(res)) log.warn('alerts.notify_late', { status: answer.status });
      else res.send(answer.status, answer.body);
    } catch (err) {
      log.error('alerts.notify_failed', errorFields(err, true));
      if (!res.headersSent) res.send(500, { error: 'internal error' });
    }
  });
}

function header(req: restify.Request, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The body, or undefined as soon as it is longer than `max` bytes (declared or actually sent). */
function readCapped(req: restify.Request, max: number): Promise<Buffer | undefined> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > max) return Promise.resolve(undefined);
  // Read by something else already: waiting for an `end` that has passed would hold the connection.
  if (req.readableEnded) return Promise.reject(new Error('the body was read before the webhook'));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > max) {
        req.removeListener('data', onData);
        req.pause();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
}
