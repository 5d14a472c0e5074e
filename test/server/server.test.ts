/** The restify front over HTTP: content types, body size, Host names and the health probe. */
import assert from 'node:assert/strict';
import http from 'node:http';
import { startBot, type RunningBot } from '../support/harness';

/** A raw request, so the Host header and content type are exactly what a test says. */
function request(
  port: number,
  options: { method?: string; path?: string; headers?: Record<string, string>; body?: string },
): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'POST',
        path: options.path ?? '/api/messages',
        headers: options.headers,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('HTTP server', () => {
  let bot: RunningBot;
  let port: number;
  before(async () => {
    bot = await startBot();
    port = Number(new URL(bot.url).port);
  });
  after(() => bot.stop());

  it('refuses form and multipart posts with 415, which browsers send cross-origin without asking', async () => {
    const form = 'type=message&serviceUrl=http://127.0.0.1:9/&conversation[id]=x&recipient[id]=b&text=help';
    assert.equal(
      await request(port, { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form }),
      415,
    );
    assert.equal(
      await request(port, { headers: { 'content-type': 'multipart/form-data; boundary=x' }, body: '--x--' }),
      415,
    );
    assert.equal(await request(port, { headers: { 'content-type': 'text/plain' }, body: '{"type":"message"}' }), 415);
    assert.equal(bot.connector.sent.length, 0);
  });

  it('refuses a body over 256 KB with 413', async () => {
    const body = JSON.stringify({ type: 'message', text: 'x'.repeat(300 * 1024) });
    assert.equal(await request(port, { headers: { 'content-type': 'application/json' }, body }), 413);
  });

  it('answers only to loopback host names in demo mode (no DNS rebinding)', async () => {
    const json = { 'content-type': 'application/json' };
    assert.equal(await request(port, { headers: { ...json, host: 'evil.example:3978' }, body: '{}' }), 403);
    assert.equal(await request(port, { method: 'GET', path: '/healthz', headers: { host: 'evil.example' } }), 403);
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`]) {
      assert.equal(await request(port, { method: 'GET', path: '/healthz', headers: { host } }), 200, host);
    }
  });

  it('answers 404 to unknown paths', async () => {
    assert.equal(await request(port, { method: 'GET', path: '/nope' }), 404);
  });
});
