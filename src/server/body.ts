/**
 * Reads JSON request bodies with a hard cap. restify's bodyReader keeps reading a body past its
 * limit until the client stops, and inflates gzip bodies without any limit (a small zip bomb fills
 * the memory); this reader refuses a declared length over the cap at once, stops at the first byte
 * over it, and accepts no content encoding (channels send plain JSON).
 */
import type restify from 'restify';

/** The body-reading middleware: sets `req.body` to the parsed JSON, or answers 400, 413 or 415. */
export function jsonBody(maxBytes: number): restify.RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'POST' && req.method !== 'PUT' && req.method !== 'PATCH') return next();
    const refuse = (status: number, error: string): void => {
      // The rest of an oversized body is not read: the connection is closed after the answer.
      res.setHeader('connection', 'close');
      res.send(status, { error });
      next(false);
    };
    const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
    if (encoding !== 'identity') return refuse(415, 'compressed bodies are not accepted');
    if (Number(req.headers['content-length']) > maxBytes) return refuse(413, `the body is over ${maxBytes} bytes`);
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (): boolean => {
      if (settled) return false;
      settled = true;
      return true;
    };
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > maxBytes) {
        settle();
        req.unpipe();
        return refuse(413, `the body is over ${maxBytes} bytes`);
      }
      chunks.push(chunk);
    });
    req.once('end', () => {
      if (!settle()) return;
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        req.body = text.trim() === '' ? undefined : (JSON.parse(text) as unknown);
      } catch {
        res.send(400, { error: 'the body is not valid JSON' });
        return next(false);
      }
      next();
    });
    req.once('error', () => settle() && next(false));
    req.once('aborted', () => settle() && next(false));
  };
}
