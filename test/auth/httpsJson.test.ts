// getJson (src/auth/httpsJson.ts) against local HTTPS servers: answers, size cap, and deadlines.
import assert from 'node:assert/strict';
import type http from 'node:http';
import https from 'node:https';
import { getJson } from '../../src/auth/httpsJson';
import type { Started } from '../support/http';
import { startHttps, testTls } from '../support/tls';

describe('getJson', () => {
  const servers: Started[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const agent = new https.Agent({ ca: testTls().ca });

  afterEach(async () => {
    for (const timer of timers) clearInterval(timer);
    timers.clear();
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });
  after(() => agent.destroy());

  async function serve(handler: http.RequestListener): Promise<string> {
    const server = await startHttps(handler);
    servers.push(server);
    return `${server.url}/doc`;
  }

  it('parses a JSON answer, and rejects a non-2xx answer and a body that is not JSON', async () => {
    const json = await serve((_req, res) => res.end(JSON.stringify({ issuer: 'x' })));
    assert.deepEqual(await getJson(json, agent, 2000), { issuer: 'x' });
    const url = await serve((req, res) => {
      res.statusCode = req.headers.accept === 'application/json' && req.url === '/doc' ? 404 : 500;
      res.end('{}');
    });
    await assert.rejects(getJson(url, agent, 2000), /HTTP 404$/);
    const text = await serve((_req, res) => res.end('<html>'));
    await assert.rejects(getJson(text, agent, 2000), /not JSON$/);
  });

  it('rejects a body over 1 MiB', async () => {
    const url = await serve((_req, res) => res.end(`"${'x'.repeat(1024 * 1024 + 10)}"`));
    await assert.rejects(getJson(url, agent, 5000), /body over/);
  });

  it('gives up on a server that never answers (idle)', async () => {
    const url = await serve(() => undefined);
    await assert.rejects(getJson(url, agent, 200), /within 200 ms/);
  });

  it('gives up at the deadline on a server that drips a byte every 20 ms, never idle long', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('[');
      timers.add(setInterval(() => res.write(' '), 20));
    });
    const started = Date.now();
    await assert.rejects(getJson(url, agent, 300), /no full answer within 300 ms/);
    const took = Date.now() - started;
    assert.ok(took >= 290 && took < 1500, `gave up after ${took} ms`);
  });
});
