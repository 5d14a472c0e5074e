/** Small helpers for the loopback servers tests start. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A started loopback server and how to stop it. */
export interface Started {
  readonly url: string;
  close(): Promise<void>;
}

/** Listens on 127.0.0.1 with a free port; close() drops open connections. */
export async function listen(server: http.Server, scheme = 'http'): Promise<Started & { port: number }> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const close = (): Promise<void> =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return { port, url: `${scheme}://127.0.0.1:${port}`, close };
}

/** Starts an http.Server on 127.0.0.1 with a free port. */
export function startHttp(handler: http.RequestListener): Promise<Started> {
  return listen(http.createServer(handler));
}

/** POSTs an activity (JSON) to the bot's /api/messages at `url`; gives the status and the body's text. */
export async function postActivity(
  url: string,
  activity: object,
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string }> {
  const res = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(activity),
  });
  return { status: res.status, text: await res.text() };
}

/** Reads a request body as text. */
export function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Polls until `check` returns a value, or fails after `timeoutMs`. */
export async function waitFor<T>(check: () => T | undefined, timeoutMs = 5000, what = 'condition'): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
