/** Request body limits on POST /api/messages, over raw sockets: declared, chunked, lying and compressed bodies. */
import assert from 'node:assert/strict';
import net from 'node:net';
import { gzipSync } from 'node:zlib';
import { MAX_BODY_BYTES } from '../../src/server/server';
import { startBot, type RunningBot } from '../support/harness';
import { failOnUnhandled } from '../support/unhandled';

/** Sends raw bytes and resolves with the status of the first response (0 if the connection closes without one). */
function raw(port: number, head: string, body: Buffer | string, keepOpen = false): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let received = '';
    const finish = (status: number): void => {
      socket.destroy();
      resolve(status);
    };
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      const match = /^HTTP\/1\.1 (\d{3})/.exec(received);
      if (match && received.includes('\r\n\r\n')) finish(Number(match[1]));
    });
    socket.on('error', (err: NodeJS.ErrnoException) => (err.code === 'ECONNRESET' ? finish(0) : reject(err)));
    socket.on('close', () => finish(0));
    socket.write(`${head}\r\n\r\n`);
    socket.write(body);
    if (!keepOpen) socket.end();
  });
}

const headers = (extra: string): string =>
  `POST /api/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n${extra}`;

/** A JSON document of exactly `bytes` bytes. */
const jsonOf = (bytes: number): string => `{"text":"${'x'.repeat(bytes - 11)}"}`;

describe('request body limits on /api/messages', () => {
  failOnUnhandled();
  let bot: RunningBot;
  let port: number;
  before(async () => {
    bot = await startBot({ LOG_LEVEL: 'warn' });
    port = Number(new URL(bot.url).port);
  });
  after(() => bot.stop());

  it('reads a body of exactly the limit (256 KB), and refuses one byte more with 413', async () => {
    const atLimit = jsonOf(MAX_BODY_BYTES);
    assert.equal(Buffer.byteLength(atLimit), MAX_BODY_BYTES);
    assert.equal(await raw(port, headers(`Content-Length: ${MAX_BODY_BYTES}`), atLimit), 400, 'read, not an activity');
    const over = jsonOf(MAX_BODY_BYTES + 1);
    assert.equal(await raw(port, headers(`Content-Length: ${MAX_BODY_BYTES + 1}`), over), 413);
  });

  it('answers 413 at once to a declared length over the limit, without waiting for the body', async () => {
    assert.equal(await raw(port, headers('Content-Length: 10485760'), '{"type":', true), 413);
  });

  it('answers 413 to a chunked body as soon as it passes the limit, though it never ends', async () => {
    const chunk = 'x'.repeat(64 * 1024);
    const chunks = Array.from({ length: 5 }, () => `${chunk.length.toString(16)}\r\n${chunk}\r\n`).join('');
    assert.equal(await raw(port, headers('Transfer-Encoding: chunked'), chunks, true), 413);
  });

  it('reads no more than a Content-Length that lies low, and stays up', async () => {
    const status = await raw(port, headers('Content-Length: 20'), jsonOf(300 * 1024));
    assert.equal(status, 400);
    assert.equal((await fetch(`${bot.url}/healthz`)).status, 200);
  });

  it('refuses compressed bodies (a gzip bomb would inflate past any limit) with 415', async () => {
    const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024, 0x20));
    assert.ok(bomb.length < MAX_BODY_BYTES);
    const status = await raw(port, headers(`Content-Encoding: gzip\r\nContent-Length: ${bomb.length}`), bomb);
    assert.equal(status, 415);
  });

  it('answers 400, not 500, to a body that is not JSON', async () => {
    assert.equal(await raw(port, headers('Content-Length: 9'), '{"type":]'), 400);
    assert.equal(bot.connector.sent.length, 0);
  });
});
