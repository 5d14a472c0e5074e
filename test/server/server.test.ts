/**
 * The restify front over HTTP (src/server/server.ts, body.ts): content types, body limits over raw sockets
 * (declared, chunked, lying and compressed bodies), Host names, 404 and the security headers on every answer.
 */
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { MAX_BODY_BYTES } from '../../src/server/server';
import { startBot, teamsActivity, type RunningBot } from '../support/harness';
import { rawRequest } from '../support/rawHttp';
import { failOnUnhandled } from '../support/unhandled';

const post = (extra: string, type = 'application/json', host = '127.0.0.1'): string =>
  `POST /api/messages HTTP/1.1\r\nHost: ${host}\r\nContent-Type: ${type}\r\nConnection: close\r\n${extra}`;
const get = (path: string, host: string): string => `GET ${path} HTTP/1.1\r\nHost: ${host}\r\nConnection: close`;

/** The status the server answers raw bytes with (0 when it closes without one). */
const raw = async (port: number, head: string, body = ''): Promise<number> =>
  (await rawRequest(port, head, body)).status;

/** A JSON document of exactly `bytes` bytes. */
const jsonOf = (bytes: number): string => `{"text":"${'x'.repeat(bytes - 11)}"}`;

describe('HTTP server', () => {
  failOnUnhandled();
  let bot: RunningBot;
  let port: number;
  before(async () => {
    bot = await startBot({ LOG_LEVEL: 'warn' });
    port = Number(new URL(bot.url).port);
  });
  after(() => bot.stop());

  it('refuses form, multipart and text posts with 415, which browsers send cross-origin without asking', async () => {
    const form = 'type=message&serviceUrl=http://127.0.0.1:9/&conversation[id]=x&recipient[id]=b&text=help';
    for (const [type, body] of [
      ['application/x-www-form-urlencoded', form],
      ['multipart/form-data; boundary=x', '--x--'],
      ['text/plain', '{"type":"message"}'],
    ]) {
      assert.equal(await raw(port, post(`Content-Length: ${body.length}`, type), body), 415, type);
    }
    assert.equal(bot.connector.sent.length, 0);
  });

  it('reads a body of exactly the limit (256 KB), and refuses one byte more with 413', async () => {
    const atLimit = jsonOf(MAX_BODY_BYTES);
    assert.equal(Buffer.byteLength(atLimit), MAX_BODY_BYTES);
    assert.equal(await raw(port, post(`Content-Length: ${MAX_BODY_BYTES}`), atLimit), 400, 'read, not an activity');
    const over = jsonOf(MAX_BODY_BYTES + 1);
    assert.equal(await raw(port, post(`Content-Length: ${MAX_BODY_BYTES + 1}`), over), 413);
  });

  it('answers 413 at once to a declared length over the limit, without waiting for the body', async () => {
    assert.equal(await raw(port, post('Content-Length: 10485760'), '{"type":'), 413);
  });

  it('answers 413 to a chunked body as soon as it passes the limit, though it never ends', async () => {
    const chunk = 'x'.repeat(64 * 1024);
    const chunks = Array.from({ length: 5 }, () => `${chunk.length.toString(16)}\r\n${chunk}\r\n`).join('');
    assert.equal(await raw(port, post('Transfer-Encoding: chunked'), chunks), 413);
  });

  it('reads no more than a Content-Length that lies low: 400, not 500, to those bytes (not JSON), and stays up', async () => {
    assert.equal(await raw(port, post('Content-Length: 20'), jsonOf(300 * 1024)), 400, 'read {"text":"xxxxxxxxxxx');
    assert.equal((await fetch(`${bot.url}/healthz`)).status, 200);
  });

  it('refuses compressed bodies (a gzip bomb would inflate past any limit) with 415', async () => {
    const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024, 0x20));
    assert.ok(bomb.length < MAX_BODY_BYTES);
    assert.equal(
      await raw(port, post(`Content-Encoding: gzip\r\nContent-Length: ${bomb.length}`), bomb.toString('latin1')),
      415,
    );
  });

  it('answers only to loopback host names in demo mode (no DNS rebinding), and 404 to unknown paths', async () => {
    assert.equal(await raw(port, post('Content-Length: 2', 'application/json', 'evil.example:3978'), '{}'), 403);
    assert.equal(await raw(port, get('/healthz', 'evil.example')), 403);
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`]) {
      assert.equal(await raw(port, get('/healthz', host)), 200, host);
    }
    assert.equal(await raw(port, get('/nope', '127.0.0.1')), 404);
  });

  it('sends the security headers with /healthz, /api/messages, refusals and unknown paths', async () => {
    const send = (body: unknown, type = 'application/json'): Promise<Response> =>
      fetch(`${bot.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': type },
        body: JSON.stringify(body),
      });
    const answers: [string, Response][] = [
      ['GET /healthz', await fetch(`${bot.url}/healthz`)],
      ['POST /api/messages', await send(teamsActivity('personal-message', bot.connector.serviceUrl, 'help'))],
      ['400', await send({ not: 'an activity' })],
      ['415', await send({}, 'text/plain')],
      ['404', await fetch(`${bot.url}/nothing-here`)],
    ];
    const expected = {
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    };
    for (const [what, res] of answers) {
      await res.arrayBuffer();
      for (const [name, value] of Object.entries(expected))
        assert.equal(res.headers.get(name), value, `${what}: ${name}`);
      const csp = res.headers.get('content-security-policy') ?? '';
      assert.match(csp, /default-src 'none'/, what);
      assert.match(csp, /frame-ancestors 'none'/, what);
    }
  });
});
