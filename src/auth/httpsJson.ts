/** A small HTTPS GET for Entra ID's metadata documents, with a deadline, a size cap and an optional agent. */
import https from 'node:https';

const MAX_BYTES = 1024 * 1024;

/**
 * GETs `url` and parses its JSON body; rejects on non-2xx, oversize, bad JSON, or when the whole answer
 * has not arrived within `timeoutMs` (an overall deadline, so a server dripping bytes cannot stall it).
 */
export function getJson(url: string, agent: https.Agent | undefined, timeoutMs: number): Promise<unknown> {
  return new Promise<unknown>((resolveOnce, rejectOnce) => {
    const resolve = (value: unknown): void => {
      clearTimeout(deadline);
      resolveOnce(value);
    };
    const reject = (error: Error): void => {
      clearTimeout(deadline);
      rejectOnce(error);
    };
    const req = https.get(url, { agent, timeout: timeoutMs, headers: { accept: 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BYTES) req.destroy(new Error(`${url}: body over ${MAX_BYTES} bytes`));
        else chunks.push(chunk);
      });
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        if (status < 200 || status > 299) return reject(new Error(`${url}: HTTP ${status}`));
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        } catch {
          reject(new Error(`${url}: not JSON`));
        }
      });
      res.on('error', reject);
    });
    const deadline = setTimeout(
      () => req.destroy(new Error(`${url}: no full answer within ${timeoutMs} ms`)),
      timeoutMs,
    );
    req.on('timeout', () => req.destroy(new Error(`${url}: no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
  });
}
