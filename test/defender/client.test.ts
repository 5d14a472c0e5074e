// Tests of the real DefenderClient over HTTP against FakeDefender on 127.0.0.1, plus readBodyText and errorForStatus.
import assert from 'node:assert/strict';
import type http from 'node:http';
import sinon from 'sinon';
import { readBodyText } from '../../src/defender/body';
import { DefenderClient, type DefenderClientOptions } from '../../src/defender/client';
import { errorForStatus, isTransientStatus, SOFTWARE_PERMISSION } from '../../src/defender/errors';
import { AppError, isAppError } from '../../src/errors';
import { createLogger } from '../../src/log';
import { failure } from '../support/errors';
import { FakeDefender, odata, odataError } from '../support/fakeDefender';
import { fixture } from '../support/fixtures';
import { startHttp } from '../support/http';

const TOKEN = 'eyJ0eXAi.test-token.0123456789';
const EDGE = 'microsoft-_-edge';
const EDGE_KB = {
  id: '4540673',
  name: 'March 2020 Security Updates',
  productsNames: ['edge'],
  url: 'https://catalog.update.microsoft.com/v7/site/Search.aspx?q=KB4540673',
  machineMissedOn: 240,
  cveAddressed: 14,
};

/** A minimal documented item. */
function kbItem(id: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id, name: `Update ${id}`, productsNames: ['edge'], machineMissedOn: 1, cveAddressed: 1, ...extra };
}

/** The path the client must request for a software id. */
function kbsPath(softwareId: string): string {
  return `/api/Software/${encodeURIComponent(softwareId)}/getmissingkbs`;
}

/** A request a local server received. */
interface SeenRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
}

/** A hand-written loopback server for what FakeDefender cannot do (stalled bodies, header capture). */
interface LocalServer {
  readonly url: string;
  readonly requests: SeenRequest[];
  close(): Promise<void>;
}

type LocalHandler = (
  req: http.IncomingMessage,
  res: http.ServerResponse,
  later: (ms: number, fn: () => void) => void,
) => void;

/** Starts a local server on 127.0.0.1; its pending timers are cleared on close so nothing lingers. */
async function startLocal(handle: LocalHandler): Promise<LocalServer> {
  const requests: SeenRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => void): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };
  const started = await startHttp((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    handle(req, res, later);
  });
  return {
    url: started.url,
    requests,
    close: () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      return started.close();
    },
  };
}

/** Answers like Defender's success envelope. */
function sendJson(res: http.ServerResponse, body: unknown, status = 200): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

describe('DefenderClient over HTTP (FakeDefender on 127.0.0.1)', () => {
  let fake: FakeDefender;
  let other: FakeDefender;
  let locals: LocalServer[];

  beforeEach(async () => {
    fake = await FakeDefender.start();
    other = await FakeDefender.start();
    locals = [];
  });

  afterEach(async () => {
    sinon.restore();
    await Promise.all([fake.close(), other.close(), ...locals.map((l) => l.close())]);
  });

  async function local(handle: LocalHandler): Promise<LocalServer> {
    const server = await startLocal(handle);
    locals.push(server);
    return server;
  }

  function client(options: Partial<DefenderClientOptions> = {}): DefenderClient {
    return new DefenderClient({
      baseUrl: fake.url,
      getToken: () => Promise.resolve(TOKEN),
      backoffBaseMs: 5,
      ...options,
    });
  }

  describe('success', () => {
    it('parses the documented example into typed KBs', async () => {
      fake.script(EDGE, { body: fixture('defender/getmissingkbs-edge.json') });
      const result = await client().getMissingKbs(EDGE);
      assert.deepEqual(result, { softwareId: EDGE, kbs: [EDGE_KB], skipped: 0, pages: 1, complete: true });
    });

    it('sends GET /api/Software/{id}/getmissingkbs with the bearer token from the token provider', async () => {
      fake.script(EDGE, { body: fixture('defender/getmissingkbs-edge.json') });
      const getToken = sinon.stub<[], Promise<string>>().resolves(TOKEN);
      await client({ getToken }).getMissingKbs(EDGE);
      assert.deepEqual(fake.requests, [
        {
          method: 'GET',
          path: `/api/Software/${EDGE}/getmissingkbs`,
          url: kbsPath(EDGE),
          authorization: `Bearer ${TOKEN}`,
        },
      ]);
      sinon.assert.calledOnce(getToken);
    });

    it('asks for JSON and sends no body', async () => {
      const server = await local((_req, res) => sendJson(res, odata([kbItem('1')])));
      await client({ baseUrl: server.url }).getMissingKbs(EDGE);
      assert.equal(server.requests.length, 1);
      const [req] = server.requests;
      assert.equal(req.method, 'GET');
      assert.equal(req.url, `/api/Software/${EDGE}/getmissingkbs`);
      assert.equal(req.headers.authorization, `Bearer ${TOKEN}`);
      assert.match(req.headers.accept ?? '', /^application\/json\b/);
      assert.equal(req.headers['transfer-encoding'], undefined);
      assert.ok(req.headers['content-length'] === undefined || req.headers['content-length'] === '0');
    });

    it('asks the token provider again on every call', async () => {
      fake.script(EDGE, { body: odata([]) });
      const getToken = sinon.stub<[], Promise<string>>();
      getToken.onFirstCall().resolves('token-one');
      getToken.onSecondCall().resolves('token-two');
      const defender = client({ getToken });
      await defender.getMissingKbs(EDGE);
      await defender.getMissingKbs(EDGE);
      assert.deepEqual(
        fake.requests.map((r) => r.authorization),
        ['Bearer token-one', 'Bearer token-two'],
      );
    });

    it('percent-encodes the software id in the path', async () => {
      const id = 'Contoso-_-a b/c?d#é%&+';
      fake.script(id, { body: odata([kbItem('77')]) });
      const result = await client().getMissingKbs(id);
      assert.equal(fake.requests.length, 1);
      assert.equal(fake.requests[0].url, '/api/Software/Contoso-_-a%20b%2Fc%3Fd%23%C3%A9%25%26%2B/getmissingkbs');
      assert.equal(result.softwareId, id);
      assert.deepEqual(
        result.kbs.map((k) => k.id),
        ['77'],
      );
    });

    it('accepts a base URL with trailing slashes or a path prefix', async () => {
      fake.script(EDGE, { body: odata([]) });
      await client({ baseUrl: `${fake.url}/` }).getMissingKbs(EDGE);
      await client({ baseUrl: `${fake.url}///` }).getMissingKbs(EDGE);
      assert.deepEqual(
        fake.requests.map((r) => r.url),
        [kbsPath(EDGE), kbsPath(EDGE)],
      );
      const server = await local((_req, res) => sendJson(res, odata([])));
      await client({ baseUrl: `${server.url}/defender` }).getMissingKbs(EDGE);
      assert.equal(server.requests[0].url, `/defender/api/Software/${EDGE}/getmissingkbs`);
    });

    it('ignores unknown fields, skips and counts items without id or name, strips KB, fixes counts', async () => {
      fake.script(EDGE, {
        body: {
          ...odata([
            { ...EDGE_KB, severity: 'Critical', extra: { nested: true } },
            { name: 'No id' },
            { id: '123' },
            { id: '', name: 'Empty id' },
            null,
            { id: 'KB5001', name: 'Prefixed', productsNames: ['edge', 3], machineMissedOn: '12', cveAddressed: -4 },
            { id: 'kb5002', name: 'Lower prefix', machineMissedOn: 2.5 },
          ]),
          '@odata.count': 7,
        },
      });
      const result = await client().getMissingKbs(EDGE);
      assert.equal(result.skipped, 4);
      assert.equal(result.complete, true);
      assert.deepEqual(result.kbs, [
        EDGE_KB,
        { id: '5001', name: 'Prefixed', productsNames: ['edge'], url: undefined, machineMissedOn: 12, cveAddressed: 0 },
        { id: '5002', name: 'Lower prefix', productsNames: [], url: undefined, machineMissedOn: 2, cveAddressed: 0 },
      ]);
    });

    it('returns an empty list for software without missing KBs', async () => {
      fake.script('google-_-chrome', { body: odata([]) });
      assert.deepEqual(await client().getMissingKbs('google-_-chrome'), {
        softwareId: 'google-_-chrome',
        kbs: [],
        skipped: 0,
        pages: 1,
        complete: true,
      });
    });
  });

  describe('paging', () => {
    const ID = 'paged-_-software';

    it('follows an absolute same-origin @odata.nextLink and concatenates the pages', async () => {
      const page2 = `${kbsPath(ID)}?$skiptoken=page2`;
      fake.script(ID, { body: odata([kbItem('1'), kbItem('2')], `${fake.url}${page2}`) });
      fake.page(page2, { body: odata([kbItem('3')]) });
      const result = await client().getMissingKbs(ID);
      assert.deepEqual(
        result.kbs.map((k) => k.id),
        ['1', '2', '3'],
      );
      assert.equal(result.pages, 2);
      assert.equal(result.complete, true);
      assert.deepEqual(
        fake.requests.map((r) => r.url),
        [kbsPath(ID), page2],
      );
      assert.ok(fake.requests.every((r) => r.authorization === `Bearer ${TOKEN}`));
    });

    it('follows relative nextLinks (path-absolute and path-relative)', async () => {
      const page2 = `${kbsPath(ID)}?$skip=2`;
      const page3 = `${kbsPath(ID)}?$skip=4`;
      fake.script(ID, { body: odata([kbItem('1'), kbItem('2')], page2) });
      fake.page(page2, { body: odata([kbItem('3'), { name: 'no id' }], 'getmissingkbs?$skip=4') });
      fake.page(page3, { body: odata([kbItem('5')]) });
      const result = await client().getMissingKbs(ID);
      assert.deepEqual(
        result.kbs.map((k) => k.id),
        ['1', '2', '3', '5'],
      );
      assert.equal(result.skipped, 1);
      assert.equal(result.pages, 3);
      assert.equal(result.complete, true);
      assert.deepEqual(
        fake.requests.map((r) => r.url),
        [kbsPath(ID), page2, page3],
      );
    });

    it('does not follow a nextLink to another origin (the token stays home) and reports incomplete', async () => {
      const lines: string[] = [];
      const leak = `${kbsPath(ID)}?$skiptoken=2`;
      other.script(ID, { body: odata([kbItem('666')]) });
      other.page(leak, { body: odata([kbItem('666')]) });
      fake.script(ID, { body: odata([kbItem('1')], `${other.url}${leak}`) });
      const result = await client({ logger: createLogger('debug', (l) => lines.push(l)) }).getMissingKbs(ID);
      assert.equal(other.requests.length, 0);
      assert.equal(fake.requests.length, 1);
      assert.deepEqual(
        result.kbs.map((k) => k.id),
        ['1'],
      );
      assert.equal(result.pages, 1);
      assert.equal(result.complete, false);
      assert.ok(lines.some((l) => l.includes('defender.next_link_cross_origin')));
    });

    it('treats another scheme on the same host and port as another origin', async () => {
      const port = new URL(fake.url).port;
      fake.script(ID, { body: odata([kbItem('1')], `https://127.0.0.1:${port}${kbsPath(ID)}?$skip=1`) });
      const result = await client().getMissingKbs(ID);
      assert.equal(fake.requests.length, 1);
      assert.equal(result.complete, false);
    });

    it('stops at a nextLink loop', async () => {
      const page2 = `${kbsPath(ID)}?$skiptoken=2`;
      fake.script(ID, { body: odata([kbItem('1')], page2) });
      fake.page(page2, { body: odata([kbItem('2')], `${fake.url}${kbsPath(ID)}`) });
      const result = await client().getMissingKbs(ID);
      assert.deepEqual(
        result.kbs.map((k) => k.id),
        ['1', '2'],
      );
      assert.equal(result.pages, 2);
      assert.equal(result.complete, false);
      assert.equal(fake.requests.length, 2);
    });

    it('stops at a nextLink to the page itself', async () => {
      fake.script(ID, { body: odata([kbItem('1')], kbsPath(ID)) });
      const result = await client().getMissingKbs(ID);
      assert.equal(result.pages, 1);
      assert.equal(result.complete, false);
      assert.equal(fake.requests.length, 1);
    });

    it('caps the pages with maxPages', async () => {
      const link = (n: number): string => `${kbsPath(ID)}?page=${n}`;
      fake.script(ID, { body: odata([kbItem('1')], link(2)) });
      for (let n = 2; n <= 5; n++) fake.page(link(n), { body: odata([kbItem(String(n))], link(n + 1)) });
      const result = await client({ maxPages: 3 }).getMissingKbs(ID);
      assert.deepEqual(
        result.kbs.map((k) => k.id),
        ['1', '2', '3'],
      );
      assert.equal(result.pages, 3);
      assert.equal(result.complete, false);
      assert.equal(fake.requests.length, 3);
    });

    it('reads only the first page with maxPages 1', async () => {
      fake.script(ID, { body: odata([kbItem('1')], `${kbsPath(ID)}?page=2`) });
      fake.page(`${kbsPath(ID)}?page=2`, { body: odata([kbItem('2')]) });
      const result = await client({ maxPages: 1 }).getMissingKbs(ID);
      assert.equal(result.pages, 1);
      assert.equal(result.complete, false);
      assert.equal(fake.requests.length, 1);
    });

    it('ignores a nextLink that is not a URL', async () => {
      fake.script(ID, { body: odata([kbItem('1')], 'http://[not-a-host') });
      const result = await client().getMissingKbs(ID);
      assert.equal(result.pages, 1);
      assert.equal(result.complete, false);
      assert.equal(fake.requests.length, 1);
    });

    it('fails the call when a later page fails', async () => {
      const page2 = `${kbsPath(ID)}?$skiptoken=2`;
      fake.script(ID, { body: odata([kbItem('1')], page2) });
      fake.page(page2, { status: 200, body: 'not json' });
      const err = await failure(client().getMissingKbs(ID));
      assert.equal(err.code, 'bad-response');
      assert.equal(err.details.softwareId, ID);
    });
  });

  describe('errors', () => {
    const ID = 'contoso-_-app';

    it('maps 401 to unauthorized', async () => {
      fake.script(ID, { status: 401, body: odataError('Unauthorized', 'Token expired', 'corr-401') });
      const err = await failure(client().getMissingKbs(ID));
      assert.equal(err.code, 'unauthorized');
      assert.equal(err.details.status, 401);
      assert.equal(err.details.correlationId, 'corr-401');
      assert.equal(err.details.softwareId, ID);
      assert.equal(fake.requests.length, 1);
    });

    it('maps the 401 for a blank token to unauthorized', async () => {
      const err = await failure(client({ getToken: () => Promise.resolve('') }).getMissingKbs(EDGE));
      assert.equal(err.code, 'unauthorized');
      assert.match(fake.requests[0].authorization ?? '', /^Bearer ?$/);
    });

    it('maps 403 to forbidden with the Software.Read permission', async () => {
      fake.script(ID, { status: 403, body: odataError('Forbidden', 'Missing permission', 'corr-403') });
      const err = await failure(client().getMissingKbs(ID));
      assert.equal(err.code, 'forbidden');
      assert.equal(err.details.permission, 'Software.Read');
      assert.equal(err.details.upstreamCode, 'Forbidden');
      assert.equal(err.details.correlationId, 'corr-403');
      assert.equal(err.details.status, 403);
      assert.equal(fake.requests.length, 1);
    });

    it('maps 404 to not-found with the correlation id from error.target and the software id', async () => {
      fake.script('contoso-_-nothing', { status: 404, body: fixture('defender/error-not-found.json') });
      const err = await failure(client().getMissingKbs('contoso-_-nothing'));
      assert.equal(err.code, 'not-found');
      assert.equal(err.details.correlationId, '43f4cb08-8fac-4b65-9db1-745c2ae65f3a');
      assert.equal(err.details.softwareId, 'contoso-_-nothing');
      assert.equal(err.details.upstreamCode, 'ResourceNotFound');
      assert.equal(err.details.status, 404);
      assert.equal(fake.requests.length, 1);
    });

    it('maps the 404 of an unknown id to not-found', async () => {
      const err = await failure(client().getMissingKbs('nobody-_-knows'));
      assert.equal(err.code, 'not-found');
      assert.equal(err.details.correlationId, 'f3a5c2e8-8d0b-4b7e-9a55-1c2b3d4e5f60');
    });

    it('maps 400 to bad-input', async () => {
      fake.script(ID, { status: 400, body: odataError('InvalidInput', 'Bad id', 'corr-400') });
      const err = await failure(client().getMissingKbs(ID));
      assert.equal(err.code, 'bad-input');
      assert.equal(err.details.upstreamCode, 'InvalidInput');
      assert.equal(fake.requests.length, 1);
    });

    it('waits out a 429 with a short Retry-After once, then succeeds', async () => {
      fake.script(
        ID,
        { status: 429, headers: { 'retry-after': '1' }, body: fixture('defender/error-throttled.json') },
        { body: odata([kbItem('1')]) },
      );
      const started = Date.now();
      const result = await client().getMissingKbs(ID);
      const elapsed = Date.now() - started;
      assert.deepEqual(
        result.kbs.map((k) => k.id),
        ['1'],
      );
      assert.equal(fake.requests.length, 2);
      assert.ok(elapsed >= 950, `waited ${elapsed} ms for Retry-After: 1`);
    });

    it('gives throttled at once for a 429 with a long Retry-After', async () => {
      fake.script(ID, {
        status: 429,
        headers: { 'retry-after': '30' },
        body: fixture('defender/error-throttled.json'),
      });
      const started = Date.now();
      const err = await failure(client().getMissingKbs(ID));
      assert.ok(Date.now() - started < 1000);
      assert.equal(err.code, 'throttled');
      assert.equal(err.details.retryAfterSeconds, 30);
      assert.equal(err.details.correlationId, 'c7c6e5b1-1f9c-4c4b-9bd0-2a1f3c0fd1a5');
      assert.equal(err.details.upstreamCode, 'TooManyRequests');
      assert.equal(fake.requests.length, 1);
    });

    it('gives throttled after the second 429 even with a short Retry-After', async () => {
      fake.script(ID, {
        status: 429,
        headers: { 'retry-after': '0' },
        body: odataError('TooManyRequests', 'Slow down'),
      });
      const err = await failure(client().getMissingKbs(ID));
      assert.equal(err.code, 'throttled');
      assert.equal(err.details.retryAfterSeconds, 0);
      assert.equal(fake.requests.length, 2);
    });

    it('gives throttled for a 429 without Retry-After', async () => {
      fake.script(ID, { status: 429, body: odataError('TooManyRequests', 'Slow down') });
      const err = await failure(client().getMissingKbs(ID));
      assert.equal(err.code, 'throttled');
      assert.equal(err.details.retryAfterSeconds, undefined);
      assert.equal(fake.requests.length, 1);
    });

    it('reads a 429 Retry-After given as an HTTP-date', async () => {
      const inOneMinute = new Date(Date.now() + 60_000).toUTCString();
      fake.script(ID, { status: 429, headers: { 'retry-after': inOneMinute } });
      const err = await failure(client().getMissingKbs(ID));
      assert.equal(err.code, 'throttled');
      const seconds = err.details.retryAfterSeconds ?? -1;
      assert.ok(seconds >= 58 && seconds <= 61, `retryAfterSeconds ${seconds}`);
      assert.equal(fake.requests.length, 1);
    });

    it('honours maxThrottleWaitSeconds', async () => {
      fake.script(ID, { status: 429, headers: { 'retry-after': '2' } }, { body: odata([]) });
      const err = await failure(client({ maxThrottleWaitSeconds: 1 }).getMissingKbs(ID));
      assert.equal(err.code, 'throttled');
      assert.equal(err.details.retryAfterSeconds, 2);
      assert.equal(fake.requests.length, 1);
    });

    it('retries after a 500 and succeeds', async () => {
      fake.script(
        ID,
        { status: 500, body: odataError('InternalServerError', 'Oops') },
        { body: odata([kbItem('1'), kbItem('2')]) },
      );
      const getToken = sinon.stub<[], Promise<string>>().resolves(TOKEN);
      const result = await client({ backoffBaseMs: 5, getToken }).getMissingKbs(ID);
      assert.equal(result.kbs.length, 2);
      assert.equal(fake.requests.length, 2);
      sinon.assert.calledOnce(getToken);
    });

    it('retries 502 and 504 too', async () => {
      fake.script(ID, { status: 502, body: 'Bad gateway' }, { status: 504, body: '' }, { body: odata([]) });
      const result = await client({ maxRetries: 2 }).getMissingKbs(ID);
      assert.equal(result.complete, true);
      assert.equal(fake.requests.length, 3);
    });

    it('gives upstream-failure after 1 + maxRetries requests when Defender answers 503 every time', async () => {
      fake.script(ID, { status: 503, body: odataError('ServiceUnavailable', 'Down', 'corr-503') });
      const err = await failure(client().getMissingKbs(ID));
      assert.equal(err.code, 'upstream-failure');
      assert.equal(err.details.status, 503);
      assert.equal(err.details.correlationId, 'corr-503');
      assert.equal(fake.requests.length, 3, 'default maxRetries is 2');

      fake.requests.splice(0);
      await failure(client({ maxRetries: 4 }).getMissingKbs(ID));
      assert.equal(fake.requests.length, 5);
    });

    it('makes one request with maxRetries 0', async () => {
      fake.script(ID, { status: 503 }, { body: odata([]) });
      const err = await failure(client({ maxRetries: 0 }).getMissingKbs(ID));
      assert.equal(err.code, 'upstream-failure');
      assert.equal(fake.requests.length, 1);
    });

    it('does not retry a 5xx that is not transient (501)', async () => {
      fake.script(ID, { status: 501 }, { body: odata([]) });
      const err = await failure(client().getMissingKbs(ID));
      assert.equal(err.code, 'upstream-failure');
      assert.equal(err.details.status, 501);
      assert.equal(fake.requests.length, 1);
    });

    it('retries after a connection reset and succeeds', async () => {
      fake.script(ID, { reset: true }, { body: odata([kbItem('1')]) });
      const result = await client().getMissingKbs(ID);
      assert.deepEqual(
        result.kbs.map((k) => k.id),
        ['1'],
      );
      assert.equal(fake.requests.length, 2);
    });

    it('gives upstream-failure when the connection is reset every time', async () => {
      fake.script(ID, { reset: true });
      const err = await failure(client().getMissingKbs(ID));
      assert.equal(err.code, 'upstream-failure');
      assert.equal(err.details.softwareId, ID);
      assert.equal(err.details.status, undefined);
      assert.ok(err.cause instanceof Error);
      assert.equal(fake.requests.length, 3);
    });

    it('gives upstream-failure when the connection drops in the middle of the body', async () => {
      const server = await local((_req, res, later) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"value":[{"id":"1",');
        later(10, () => res.socket?.destroy());
      });
      const err = await failure(client({ baseUrl: server.url }).getMissingKbs(ID));
      assert.equal(err.code, 'upstream-failure');
    });

    it('retries a connection that drops mid-body, and answers with the next attempt', async () => {
      let calls = 0;
      const server = await local((_req, res, later) => {
        calls++;
        if (calls > 1) return sendJson(res, odata([kbItem('5001')]));
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"value":[{"id":"1",');
        later(10, () => res.socket?.destroy());
      });
      const result = await client({ baseUrl: server.url }).getMissingKbs(ID);
      assert.equal(server.requests.length, 2);
      assert.deepEqual(
        result.kbs.map((k) => k.id),
        ['5001'],
      );
    });

    it('keeps a hung token provider within the deadline', async () => {
      const started = Date.now();
      const err = await failure(
        client({ getToken: () => new Promise<string>(() => undefined), timeoutMs: 1000 }).getMissingKbs(ID),
      );
      assert.equal(err.code, 'timeout');
      assert.ok(Date.now() - started < 1800);
      assert.equal(fake.requests.length, 0);
    });

    it('reports a token provider failure that is not an AppError as internal, without calling Defender', async () => {
      const err = await failure(
        client({ getToken: () => Promise.reject(new Error('AADSTS700016')) }).getMissingKbs(ID),
      );
      assert.equal(err.code, 'internal');
      assert.equal(fake.requests.length, 0);
    });

    it('refuses ids that would resolve to another path', async () => {
      for (const id of ['', '.', '..']) {
        const err = await failure(client().getMissingKbs(id));
        assert.equal(err.code, 'bad-input', JSON.stringify(id));
      }
      assert.equal(fake.requests.length, 0);
    });

    it('gives upstream-failure when nothing listens', async () => {
      const server = await startLocal(() => undefined);
      const url = server.url;
      await server.close();
      const err = await failure(client({ baseUrl: url, maxRetries: 1 }).getMissingKbs(ID));
      assert.equal(err.code, 'upstream-failure');
    });

    it('gives timeout quickly when Defender answers after the deadline', async () => {
      const server = await local((_req, res, later) => later(3000, () => sendJson(res, odata([]))));
      const started = Date.now();
      const err = await failure(client({ baseUrl: server.url, timeoutMs: 1000 }).getMissingKbs(ID));
      const elapsed = Date.now() - started;
      assert.equal(err.code, 'timeout');
      assert.equal(err.details.softwareId, ID);
      assert.ok(elapsed >= 900 && elapsed < 2000, `rejected after ${elapsed} ms`);
      assert.equal(server.requests.length, 1);
    });

    it('gives timeout when the body stalls after the headers', async () => {
      const server = await local((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"value":[');
      });
      const started = Date.now();
      const err = await failure(client({ baseUrl: server.url, timeoutMs: 300 }).getMissingKbs(ID));
      assert.equal(err.code, 'timeout');
      assert.ok(Date.now() - started < 1500);
    });

    it('does not start a Retry-After wait that would outlast the deadline, and says when to retry', async () => {
      fake.script(ID, { status: 429, headers: { 'retry-after': '5' } }, { body: odata([]) });
      const started = Date.now();
      const err = await failure(client({ timeoutMs: 1000 }).getMissingKbs(ID));
      assert.equal(err.code, 'throttled');
      assert.equal(err.details.retryAfterSeconds, 5);
      assert.ok(Date.now() - started < 500);
      assert.equal(fake.requests.length, 1);
    });

    it('gives bad-response for a 200 whose body is not JSON, without retrying', async () => {
      fake.script(ID, { status: 200, body: 'Hello, this is not JSON' }, { body: odata([]) });
      const err = await failure(client().getMissingKbs(ID));
      assert.equal(err.code, 'bad-response');
      assert.equal(err.details.softwareId, ID);
      assert.equal(fake.requests.length, 1);
    });

    it('gives bad-response for truncated JSON', async () => {
      const full = JSON.stringify(fixture('defender/getmissingkbs-edge.json'));
      fake.script(ID, {
        status: 200,
        body: full.slice(0, full.length - 20),
        headers: { 'content-type': 'application/json' },
      });
      const err = await failure(client().getMissingKbs(ID));
      assert.equal(err.code, 'bad-response');
    });

    it('gives bad-response for an empty 200 body', async () => {
      fake.script(ID, { status: 200 });
      const err = await failure(client().getMissingKbs(ID));
      assert.equal(err.code, 'bad-response');
    });

    it('gives bad-response for JSON without a value array', async () => {
      for (const body of [{ '@odata.context': 'x' }, { value: {} }, [kbItem('1')], { error: { code: 'X' } }]) {
        fake.script(ID, { status: 200, body });
        const err = await failure(client().getMissingKbs(ID));
        assert.equal(err.code, 'bad-response', JSON.stringify(body));
        assert.equal(err.details.softwareId, ID);
      }
    });

    it('gives upstream-failure for an HTML error page with status 502, after retries', async () => {
      const html = '<html><head><title>502 Bad Gateway</title></head><body>nginx internal detail</body></html>';
      fake.script(ID, { status: 502, body: html, headers: { 'content-type': 'text/html' } });
      const err = await failure(client().getMissingKbs(ID));
      assert.equal(err.code, 'upstream-failure');
      assert.equal(err.details.status, 502);
      assert.equal(err.details.upstreamCode, undefined);
      assert.equal(err.details.correlationId, undefined);
      assert.doesNotMatch(err.message, /html|nginx/i);
      assert.equal(fake.requests.length, 3);
    });

    it('does not follow a redirect (the token is not sent elsewhere)', async () => {
      other.script(ID, { body: odata([kbItem('666')]) });
      fake.script(ID, { status: 302, headers: { location: `${other.url}${kbsPath(ID)}` } });
      const err = await failure(client({ maxRetries: 0 }).getMissingKbs(ID));
      assert.equal(err.code, 'upstream-failure');
      assert.equal(other.requests.length, 0);
    });

    it('stops when the caller aborts', async () => {
      const server = await local((_req, res, later) => later(3000, () => sendJson(res, odata([]))));
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      const started = Date.now();
      const err = await failure(client({ baseUrl: server.url }).getMissingKbs(ID, controller.signal));
      assert.ok(Date.now() - started < 1000);
      assert.notEqual(err.code, 'timeout');
      assert.equal(err.details.softwareId, ID);
      assert.equal((err.cause as Error).name, 'AbortError');
      assert.equal(server.requests.length, 1, 'no retry after the caller aborted');
    });

    it('sends nothing when the caller signal is already aborted', async () => {
      fake.script(ID, { body: odata([]) });
      const err = await failure(client().getMissingKbs(ID, AbortSignal.abort()));
      assert.equal(err.details.softwareId, ID);
      assert.equal(fake.requests.length, 0);
    });

    it('stops waiting out a 429 when the caller aborts', async () => {
      fake.script(ID, { status: 429, headers: { 'retry-after': '5' } }, { body: odata([]) });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 100);
      const started = Date.now();
      await failure(client().getMissingKbs(ID, controller.signal));
      assert.ok(Date.now() - started < 1000);
      assert.equal(fake.requests.length, 1);
    });

    it('passes an AppError of the token provider through with its code and message', async () => {
      const original = new AppError('consent-required', 'The user must consent', { permission: 'Software.Read' });
      const err = await failure(client({ getToken: () => Promise.reject(original) }).getMissingKbs(ID));
      assert.equal(err.code, 'consent-required');
      assert.equal(err.message, original.message);
      assert.equal(err.details.permission, 'Software.Read');
      assert.equal(err.details.softwareId, ID);
      assert.equal(fake.requests.length, 0);
    });

    it('passes an AppError that already names the software through as the same object', async () => {
      const original = new AppError('unauthorized', 'Sign in again', { softwareId: ID });
      const err = await failure(client({ getToken: () => Promise.reject(original) }).getMissingKbs(ID));
      assert.equal(err, original);
    });

    it('never writes the token into log lines or errors', async () => {
      const lines: string[] = [];
      const logger = createLogger('debug', (l) => lines.push(l));
      fake.script(
        ID,
        { reset: true },
        { status: 500 },
        { body: odata([kbItem('1'), { name: 'no id' }], `${other.url}${kbsPath(ID)}`) },
      );
      await client({ logger }).getMissingKbs(ID);
      fake.script('contoso-_-denied', { status: 401, body: odataError('Unauthorized', 'Bad token') });
      const err = await failure(client({ logger }).getMissingKbs('contoso-_-denied'));
      assert.ok(lines.length >= 3, `logged ${lines.length} lines`);
      assert.ok(lines.some((l) => l.includes('defender.retry')));
      assert.ok(lines.some((l) => l.includes('defender.items_skipped')));
      for (const text of [...lines, err.message, JSON.stringify(err.details)]) {
        assert.ok(!text.includes(TOKEN), `token leaked into ${text}`);
        assert.ok(!text.includes('test-token'), `token leaked into ${text}`);
      }
    });
  });

  describe('readBodyText', () => {
    /** A stream of chunks that counts how many were pulled and whether it was cancelled. */
    function countingStream(chunks: Uint8Array[] | (() => Uint8Array)): {
      stream: ReadableStream<Uint8Array>;
      pulled: () => number;
      cancelled: () => boolean;
    } {
      let pulls = 0;
      let cancelled = false;
      const stream = new ReadableStream<Uint8Array>(
        {
          pull(controller) {
            const chunk = typeof chunks === 'function' ? chunks() : chunks[pulls];
            pulls++;
            if (chunk) controller.enqueue(chunk);
            else controller.close();
          },
          cancel() {
            cancelled = true;
          },
        },
        { highWaterMark: 0 },
      );
      return { stream, pulled: () => pulls, cancelled: () => cancelled };
    }

    it('reads a body as UTF-8 text', async () => {
      assert.equal(await readBodyText(new Response('{"value":[]} é ✓')), '{"value":[]} é ✓');
    });

    it('reads an absent body as the empty string', async () => {
      assert.equal(await readBodyText(new Response(null, { status: 204 })), '');
      assert.equal(await readBodyText(new Response('')), '');
    });

    it('accepts a body of exactly maxBytes', async () => {
      assert.equal(await readBodyText(new Response('x'.repeat(16)), 16), 'x'.repeat(16));
    });

    it('refuses a body over the size cap with bad-response', async () => {
      await assert.rejects(
        readBodyText(new Response('x'.repeat(17)), 16),
        (err) => isAppError(err) && err.code === 'bad-response',
      );
    });

    it('counts bytes, not characters', async () => {
      const text = 'é'.repeat(6); // 12 bytes
      assert.equal(await readBodyText(new Response(text), 12), text);
      await assert.rejects(readBodyText(new Response(text), 11), { code: 'bad-response' });
    });

    it('refuses a declared Content-Length over the cap without reading the body', async () => {
      const body = countingStream([new TextEncoder().encode('{}')]);
      const response = new Response(body.stream, { headers: { 'content-length': '1000' } });
      await assert.rejects(readBodyText(response, 100), (err) => {
        assert.ok(isAppError(err));
        assert.equal(err.code, 'bad-response');
        assert.match(err.message, /1000/);
        return true;
      });
      assert.equal(body.pulled(), 0);
      assert.equal(body.cancelled(), true);
    });

    it('stops reading an endless body once past the cap', async () => {
      const body = countingStream(() => new Uint8Array(1024));
      await assert.rejects(readBodyText(new Response(body.stream), 10 * 1024), { code: 'bad-response' });
      assert.ok(body.pulled() <= 12, `pulled ${body.pulled()} chunks`);
      assert.equal(body.cancelled(), true);
    });

    it('decodes a character split across chunks', async () => {
      const bytes = new TextEncoder().encode('"✓é"');
      const body = countingStream([bytes.slice(0, 2), bytes.slice(2, 5), bytes.slice(5)]);
      assert.equal(await readBodyText(new Response(body.stream)), '"✓é"');
    });

    it('turns a body over the cap into bad-response through the client too (declared length)', async () => {
      const server = await local((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(64 * 1024 * 1024) });
        res.write('{"value":[');
      });
      const err = await failure(client({ baseUrl: server.url }).getMissingKbs(EDGE));
      assert.equal(err.code, 'bad-response');
      assert.equal(err.details.softwareId, EDGE);
      assert.equal(server.requests.length, 1);
    });
  });

  describe('errorForStatus and isTransientStatus', () => {
    const body = JSON.stringify(odataError('SomeCode', 'Some message', 'corr-1'));

    it('maps each status to its catalogue code', () => {
      const cases: [number, string][] = [
        [400, 'bad-input'],
        [401, 'unauthorized'],
        [403, 'forbidden'],
        [404, 'not-found'],
        [429, 'throttled'],
        [500, 'upstream-failure'],
        [502, 'upstream-failure'],
        [503, 'upstream-failure'],
        [418, 'upstream-failure'],
      ];
      for (const [status, code] of cases) {
        const err = errorForStatus(status, body, EDGE);
        assert.equal(err.code, code, String(status));
        assert.equal(err.details.status, status);
        assert.equal(err.details.softwareId, EDGE);
        assert.equal(err.details.upstreamCode, 'SomeCode');
        assert.equal(err.details.correlationId, 'corr-1');
        assert.doesNotMatch(err.message, /Some message/);
      }
    });

    it('names the permission for 401 and 403 only', () => {
      assert.equal(SOFTWARE_PERMISSION, 'Software.Read');
      assert.equal(errorForStatus(401, '', EDGE).details.permission, 'Software.Read');
      assert.equal(errorForStatus(403, '', EDGE).details.permission, 'Software.Read');
      assert.equal(errorForStatus(404, '', EDGE).details.permission, undefined);
    });

    it('carries Retry-After on throttled', () => {
      assert.equal(errorForStatus(429, body, EDGE, 30).details.retryAfterSeconds, 30);
      assert.equal(errorForStatus(429, body, EDGE).details.retryAfterSeconds, undefined);
    });

    it('copes with a body that is not the documented error', () => {
      const err = errorForStatus(502, '<html>Bad gateway</html>', EDGE);
      assert.equal(err.details.upstreamCode, undefined);
      assert.equal(err.details.correlationId, undefined);
    });

    it('retries only 500, 502, 503 and 504', () => {
      for (const status of [500, 502, 503, 504]) assert.equal(isTransientStatus(status), true, String(status));
      for (const status of [200, 400, 401, 403, 404, 429, 501, 505]) assert.equal(isTransientStatus(status), false);
    });
  });
});
