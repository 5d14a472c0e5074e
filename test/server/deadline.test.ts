/** The deadline every request has (src/server/deadline.ts), over HTTP against the real restify server. */
import assert from 'node:assert/strict';
import type restify from 'restify';
import { createLogger } from '../../src/log';
import { close, createServer, listen } from '../../src/server/server';
import { rawRequest } from '../support/rawHttp';

const DEADLINE_MS = 2000;
const post = (path: string, length: number): string =>
  `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${length}`;

describe('request deadline', () => {
  let server: restify.Server;
  let port: number;
  const logs: string[] = [];
  before(async () => {
    server = createServer({
      // A handler that never ends: only the deadline can answer.
      messages: () => new Promise<void>(() => undefined),
      health: () => ({ status: 'ok' }),
      logger: createLogger('warn', (line) => logs.push(line)),
      requestTimeoutMs: DEADLINE_MS,
    });
    port = await listen(server, 0, '127.0.0.1');
  });
  after(() => close(server, 100));

  it('answers 503 for a handler that never ends, and closes the connection', async () => {
    const answer = await rawRequest(port, post('/api/messages', 2), '{}');
    assert.equal(answer.status, 503);
    assert.match(answer.text, /\r\nconnection: close\r\n/i);
    assert.ok(answer.ms >= DEADLINE_MS - 50 && answer.ms < DEADLINE_MS + 1500, `closed after ${answer.ms} ms`);
    assert.ok(logs.some((l) => l.includes('"http.deadline"') && l.includes('"status":503')));
  });

  it('answers 408 to bodies that never finish arriving, closing each, and still answers /healthz meanwhile', async () => {
    let cut = 0;
    const held = Array.from({ length: 200 }, () =>
      rawRequest(port, post('/api/messages', 100), '{"type":').then((a) => (cut++, a)),
    );
    while ((await connections()) < 200 && cut === 0) await new Promise((r) => setTimeout(r, 10));
    const health = await rawRequest(port, 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close');
    assert.equal(health.status, 200);
    assert.equal(cut, 0, 'answered while all 200 were still held');
    const started = Date.now();
    const answers = await Promise.all(held);
    assert.deepEqual(new Set(answers.map((a) => a.status)), new Set([408]));
    assert.ok(Date.now() - started < DEADLINE_MS + 2000, `all cut within ${Date.now() - started} ms`);
  });

  function connections(): Promise<number> {
    return new Promise((resolve, reject) =>
      server.server.getConnections((err, count) => (err ? reject(err) : resolve(count))),
    );
  }
});
