/**
 * A deadline on every request, whatever its route: a request still unanswered after it gets 408 (its
 * body has not all arrived) or 503 (a handler is still working), and its connection is closed, so no
 * client and no stuck handler can hold a socket (and with enough of them, the whole server).
 */
import type restify from 'restify';
import type { Logger } from '../log';

/** After the deadline's answer, how long the client has to read it before the socket is destroyed. */
const LINGER_MS = 1000;

/** The `pre` handler that arms the deadline of each request; it is disarmed when the response closes. */
export function requestDeadline(timeoutMs: number, log: Logger): restify.RequestHandler {
  return (req, res, next) => {
    const timer = setTimeout(() => expire(req, res, timeoutMs, log), timeoutMs);
    res.once('close', () => clearTimeout(timer));
    next();
  };
}

/** Whether the deadline already answered this request (a handler that ends later must not answer again). */
export function answeredByDeadline(res: restify.Response): boolean {
  return expired.has(res);
}

const expired = new WeakSet<restify.Response>();

function expire(req: restify.Request, res: restify.Response, timeoutMs: number, log: Logger): void {
  const status = req.complete ? 503 : 408;
  log.warn('http.deadline', { method: req.method, path: req.getPath(), status, timeoutMs, answered: res.headersSent });
  expired.add(res);
  const socket = req.socket;
  // Whatever happens to the answer, the socket does not outlive it by more than LINGER_MS.
  const cut = (): void => void setTimeout(() => socket.destroy(), LINGER_MS).unref();
  if (res.headersSent) {
    // Half an answer is already out: only closing the connection ends it.
    socket.destroy();
    return;
  }
  res.once('finish', cut);
  res.setHeader('connection', 'close');
  res.send(status, { error: status === 408 ? 'the request took too long to arrive' : 'the request took too long' });
}
