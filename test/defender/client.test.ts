// DefenderClient over HTTP against FakeDefender (or a hand-written server) on 127.0.0.1, bare (without the
// src/http wrappers): requests, paging, parsing, errors mapped to the catalogue, the deadline and aborts.
import assert from 'node:assert/strict';
import sinon from 'sinon';
import { toSoftware } from '../../src/defender/parse';
import { AppError } from '../../src/errors';
import { withRetries } from '../../src/http/retry';
import type { HttpInit } from '../../src/http/types';
import { createLogger } from '../../src/log';
import { EDGE, EDGE_KB, kbItem, kbsPath, TOKEN, useClientFixture } from '../support/defenderClient';
import { failure } from '../support/errors';
import { odata, odataError, softwareItem, type FakeAnswer } from '../support/fakeDefender';
import { fixture } from '../support/fixtures';
import { gcDuringFetch } from '../support/gc';
import { waitFor } from '../support/http';
import { sendJson, startLocal } from '../support/localServer';

const ID = 'contoso-_-app';

describe('DefenderClient over HTTP (FakeDefender on 127.0.0.1)', () => {
  const fx = useClientFixture();
  let lines: string[];
  beforeEach(() => (lines = []));
  const logger = () => createLogger('debug', (l) => lines.push(l));
  /** One field of every request the fake saw. */
  const seen = (field: 'url' | 'path' | 'authorization'): (string | undefined)[] =>
    fx.fake.requests.map((r) => r[field]);
  const ids = (items: readonly { id: string }[]): string[] => items.map((k) => k.id);

  describe('requests', () => {
    it('GETs /api/Software/{id}/getmissingkbs with the provider’s token and parses the documented example', async () => {
      fx.fake.script(EDGE, { body: fixture('defender/getmissingkbs-edge.json') });
      const getToken = sinon.stub<[], Promise<string>>().resolves(TOKEN);
      const result = await fx.client({ getToken }).getMissingKbs(EDGE);
      assert.deepEqual(result, { softwareId: EDGE, kbs: [EDGE_KB], skipped: 0, pages: 1, complete: true });
      const path = `/api/Software/${EDGE}/getmissingkbs`;
      assert.deepEqual(fx.fake.requests, [{ method: 'GET', path, url: path, authorization: `Bearer ${TOKEN}` }]);
      sinon.assert.calledOnce(getToken);
    });

    it('asks for JSON, sends no body, and tells the fetch wrappers its deadline and the software id', async () => {
      const server = await fx.local((_req, res) => sendJson(res, odata([kbItem('1')])));
      const inits: HttpInit[] = [];
      const fetch = (input: string, init: HttpInit) => (inits.push(init), globalThis.fetch(input, init));
      const before = Date.now();
      await fx.client({ baseUrl: server.url, fetch, timeoutMs: 5000 }).getMissingKbs(EDGE);
      const [req] = server.requests;
      assert.equal(req.headers.authorization, `Bearer ${TOKEN}`);
      assert.match(req.headers.accept ?? '', /^application\/json\b/);
      assert.equal(req.headers['transfer-encoding'], undefined);
      assert.ok(req.headers['content-length'] === undefined || req.headers['content-length'] === '0');
      assert.deepEqual(inits[0].logFields, { softwareId: EDGE });
      assert.ok(inits[0].deadlineAt! >= before + 5000 && inits[0].deadlineAt! <= Date.now() + 5000);
    });

    it('asks the token provider again on every call', async () => {
      fx.fake.script(EDGE, { body: odata([]) });
      const getToken = sinon.stub<[], Promise<string>>();
      getToken.onFirstCall().resolves('token-one').onSecondCall().resolves('token-two');
      const defender = fx.client({ getToken });
      await defender.getMissingKbs(EDGE);
      await defender.getMissingKbs(EDGE);
      assert.deepEqual(seen('authorization'), ['Bearer token-one', 'Bearer token-two']);
    });

    it('accepts a base URL with trailing slashes (a path prefix: upstream.fuzz.test.ts)', async () => {
      fx.fake.script(EDGE, { body: odata([]) });
      await fx.client({ baseUrl: `${fx.fake.url}/` }).getMissingKbs(EDGE);
      await fx.client({ baseUrl: `${fx.fake.url}///` }).getMissingKbs(EDGE);
      assert.deepEqual(seen('url'), [kbsPath(EDGE), kbsPath(EDGE)]);
    });
  });

  describe('paging', () => {
    it('follows absolute and relative same-origin nextLinks, concatenating pages and counting skipped items', async () => {
      const [page2, page3] = [`${kbsPath(ID)}?$skip=2`, `${kbsPath(ID)}?$skip=4`];
      fx.fake.script(ID, { body: odata([kbItem('1'), kbItem('2')], `${fx.fake.url}${page2}`) });
      fx.fake.page(page2, { body: odata([kbItem('3'), { name: 'no id' }], 'getmissingkbs?$skip=4') });
      fx.fake.page(page3, { body: odata([kbItem('5')]) });
      const result = await fx.client({ logger: logger() }).getMissingKbs(ID);
      assert.deepEqual(ids(result.kbs), ['1', '2', '3', '5']);
      assert.deepEqual([result.skipped, result.pages, result.complete], [1, 3, true]);
      assert.deepEqual(seen('url'), [kbsPath(ID), page2, page3]);
      assert.deepEqual(new Set(seen('authorization')), new Set([`Bearer ${TOKEN}`]));
      assert.ok(lines.some((l) => l.includes('"defender.items_skipped"') && l.includes('"skipped":1')));
    });

    it('reads at most maxBytes for a call, its pages together, and tells the fetch wrappers what is left', async () => {
      const [first, second] = [odata([kbItem('1')], `${kbsPath(ID)}?p=2`), odata([kbItem('2')])];
      const both = Buffer.byteLength(JSON.stringify(first)) + Buffer.byteLength(JSON.stringify(second));
      const inits: HttpInit[] = [];
      const fetch = (input: string, init: HttpInit) => (inits.push(init), globalThis.fetch(input, init));
      for (const maxBytes of [both, both - 1]) {
        fx.fake.script(ID, { body: first });
        fx.fake.page(`${kbsPath(ID)}?p=2`, { body: second });
        inits.length = 0;
        const call = fx.client({ fetch, maxBytes }).getMissingKbs(ID);
        const outcome = await call.then((r) => ids(r.kbs)).catch((err: AppError) => err.code);
        assert.deepEqual(outcome, maxBytes === both ? ['1', '2'] : 'bad-response');
        const left = maxBytes - Buffer.byteLength(JSON.stringify(first));
        assert.deepEqual(
          inits.map((i) => i.maxBodyBytes),
          [maxBytes, left],
        );
      }
    });

    const P2 = `${kbsPath(ID)}?p=2`;
    /** [what, first page's nextLink, maxPages, pages read, the event logged]; page 2 links back to page 1. */
    const stops: [string, (self: string, other: string) => string, number | undefined, number, string][] = [
      ['to another origin (the token stays home)', (_s, other) => other + P2, undefined, 1, 'next_link_cross_origin'],
      ['to another scheme', (self) => self.replace('http:', 'https:') + P2, undefined, 1, 'next_link_cross_origin'],
      ['that is not a URL', () => 'http://[not-a-host', undefined, 1, 'next_link_invalid'],
      ['to the page itself', () => kbsPath(ID), undefined, 1, 'next_link_loop'],
      ['back to the first page (a loop)', () => P2, undefined, 2, 'next_link_loop'],
      ['beyond maxPages', () => P2, 1, 1, 'page_limit'],
    ];
    for (const [what, link, maxPages, pages, event] of stops) {
      it(`does not follow a nextLink ${what}, and reports the list incomplete`, async () => {
        fx.fake.script(ID, { body: odata([kbItem('1')], link(fx.fake.url, fx.other.url)) });
        fx.fake.page(P2, { body: odata([kbItem('2')], `${fx.fake.url}${kbsPath(ID)}`) });
        fx.other.page(P2, { body: odata([kbItem('666')]) });
        const result = await fx.client({ maxPages, logger: logger() }).getMissingKbs(ID);
        assert.deepEqual([result.pages, result.complete, fx.fake.requests.length], [pages, false, pages]);
        assert.equal(fx.other.requests.length, 0);
        assert.ok(lines.some((l) => l.includes(`"defender.${event}"`)));
      });
    }
  });

  describe('listSoftware', () => {
    const INVENTORY = [
      softwareItem('microsoft-_-edge', { exposedMachines: 240, weaknesses: 14 }),
      softwareItem('microsoft-_-windows_10', { exposedMachines: 412, weaknesses: 96, publicExploit: true }),
      softwareItem('google-_-chrome', { exposedMachines: 298, weaknesses: 31 }),
    ];

    it('lists the inventory with the bearer token (each item typed: parse.test.ts; query options: demo/tenant.test.ts)', async () => {
      fx.fake.software(INVENTORY);
      const list = await fx.client().listSoftware();
      assert.deepEqual(list.items, INVENTORY.map(toSoftware));
      assert.deepEqual([seen('authorization')[0], seen('path')[0]], [`Bearer ${TOKEN}`, '/api/Software']);
    });

    const hostile = ["'", "' or 1 eq 1", "edge' or name ne '", '%27', '&$top=1', '$skip=1', 'ünï😀', ") or (name ne '"];
    it('hostile names reach the server as one literal: they match only an item with exactly that name', async () => {
      fx.fake.software([...INVENTORY, ...hostile.map((name, i) => softwareItem(`evil${i}-_-x`, { name }))]);
      for (const [i, name] of hostile.entries()) {
        const list = await fx.client().listSoftware({ filter: { op: 'eq', field: 'name', value: name }, top: 50 });
        assert.deepEqual(ids(list.items), [`evil${i}-_-x`], name);
      }
      for (const request of fx.fake.requests) {
        assert.deepEqual([...new URL(request.url, fx.fake.url).searchParams.keys()], ['$filter', '$top']);
      }
    });

    it('maps a 400 (e.g. an unsupported function) to bad-input without a software id', async () => {
      fx.fake.software(INVENTORY);
      const err = await failure(fx.client().listSoftware({ filter: { op: 'contains', field: 'name', value: 'ed' } }));
      assert.deepEqual([err.code, err.details.status, err.details.softwareId], ['bad-input', 400, undefined]);
    });

    it('follows same-origin nextLinks but stops once $top items have arrived', async () => {
      const next = (n: number): string => `${fx.fake.url}/api/Software?$skiptoken=${n}`;
      fx.fake.page('/api/Software?$top=3', {
        body: { value: [INVENTORY[0], { name: 'no id' }], '@odata.nextLink': next(2) },
      });
      fx.fake.page('/api/Software?$skiptoken=2', {
        body: { value: [INVENTORY[1], INVENTORY[2]], '@odata.nextLink': next(3) },
      });
      const list = await fx.client().listSoftware({ top: 3 });
      assert.deepEqual(ids(list.items), ['microsoft-_-edge', 'microsoft-_-windows_10', 'google-_-chrome']);
      assert.deepEqual([list.skipped, list.pages, fx.fake.requests.length], [1, 2, 2]);
    });
  });

  describe('errors', () => {
    const html = '<html><head><title>502 Bad Gateway</title></head><body>nginx internal detail</body></html>';
    /**
     * One request each: retries are the wrapper's (test/http/retry.test.ts), the code of each status
     * errorForStatus's (errors.test.ts), the bodies refused parseCollection's (parse.test.ts).
     */
    const statuses: [FakeAnswer, string][] = [
      [{ status: 401, body: odataError('Unauthorized', 'Token expired') }, 'unauthorized'],
      [{ status: 502, body: html, headers: { 'content-type': 'text/html' } }, 'upstream-failure'],
      [{ status: 200, body: 'Hello, this is not JSON' }, 'bad-response'],
    ];
    for (const [answer, code] of statuses) {
      it(`maps ${answer.status} ${JSON.stringify(answer.body ?? '').slice(0, 30)} to ${code}`, async () => {
        fx.fake.script(ID, answer, { body: odata([]) });
        const err = await failure(fx.client().getMissingKbs(ID));
        assert.deepEqual([err.code, err.details.softwareId, fx.fake.requests.length], [code, ID, 1]);
        assert.equal(err.details.status, answer.status === 200 ? undefined : answer.status);
        assert.doesNotMatch(err.message, /html|nginx|Token expired/i);
      });
    }

    it('maps a 429 to throttled with its Retry-After, upstream code and correlation id', async () => {
      fx.fake.script(ID, {
        status: 429,
        headers: { 'retry-after': '30' },
        body: fixture('defender/error-throttled.json'),
      });
      const { code, details } = await failure(fx.client().getMissingKbs(ID));
      assert.deepEqual([code, details.retryAfterSeconds, details.upstreamCode], ['throttled', 30, 'TooManyRequests']);
      assert.equal(details.correlationId, 'c7c6e5b1-1f9c-4c4b-9bd0-2a1f3c0fd1a5');
    });

    it('gives upstream-failure, with the cause, for a reset, a body cut mid-way and nothing listening', async () => {
      fx.fake.script(ID, { reset: true });
      const cut = await fx.local((_req, res, later) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"value":[{"id":"1",');
        later(10, () => res.socket?.destroy());
      });
      const closed = await startLocal(() => undefined);
      await closed.close();
      for (const baseUrl of [fx.fake.url, cut.url, closed.url]) {
        const err = await failure(fx.client({ baseUrl }).getMissingKbs(ID));
        assert.deepEqual([err.code, err.details.softwareId, err.details.status], ['upstream-failure', ID, undefined]);
        assert.ok(err.cause instanceof Error);
      }
    });

    it('refuses ids that would resolve to another path, here or behind a decoding proxy', async () => {
      for (const id of ['', '.', '..', 'a/b', 'a\\b', '..%2f..', '%252e', 'a?b', 'a#b', 'a\u0000b']) {
        assert.equal((await failure(fx.client().getMissingKbs(id))).code, 'bad-input', JSON.stringify(id));
      }
      assert.equal(fx.fake.requests.length, 0);
    });

    it('does not follow a redirect (the token is not sent elsewhere)', async () => {
      fx.other.script(ID, { body: odata([kbItem('666')]) });
      fx.fake.script(ID, { status: 302, headers: { location: `${fx.other.url}${kbsPath(ID)}` } });
      assert.equal((await failure(fx.client().getMissingKbs(ID))).code, 'upstream-failure');
      assert.equal(fx.other.requests.length, 0);
    });

    it('reports a token provider failure that is not an AppError as internal, without calling Defender', async () => {
      const err = await failure(
        fx.client({ getToken: () => Promise.reject(new Error('AADSTS700016')) }).getMissingKbs(ID),
      );
      assert.deepEqual([err.code, fx.fake.requests.length], ['internal', 0]);
    });

    it('passes an AppError of the token provider through, naming the software (the same object if it already does)', async () => {
      const original = new AppError('consent-required', 'The user must consent', { permission: 'Software.Read' });
      const err = await failure(fx.client({ getToken: () => Promise.reject(original) }).getMissingKbs(ID));
      assert.deepEqual(
        [err.code, err.message, err.details.permission, err.details.softwareId],
        ['consent-required', original.message, 'Software.Read', ID],
      );
      const named = new AppError('unauthorized', 'Sign in again', { softwareId: ID });
      assert.equal(await failure(fx.client({ getToken: () => Promise.reject(named) }).getMissingKbs(ID)), named);
      assert.equal(fx.fake.requests.length, 0);
    });

    it('never writes the token into log lines or errors, retries included', async () => {
      const log = logger();
      const fetch = withRetries((input, init) => globalThis.fetch(input, init), {
        logger: log,
        events: 'defender',
        backoffBaseMs: 1,
      });
      fx.fake.script(
        ID,
        { reset: true },
        { status: 500 },
        { body: odata([kbItem('1'), { name: 'no id' }], `${fx.other.url}${kbsPath(ID)}`) },
      );
      await fx.client({ logger: log, fetch }).getMissingKbs(ID);
      fx.fake.script('contoso-_-denied', { status: 401, body: odataError('Unauthorized', 'Bad token') });
      const err = await failure(fx.client({ logger: log, fetch }).getMissingKbs('contoso-_-denied'));
      const logged = lines.join('\n');
      for (const event of ['defender.retry', 'defender.items_skipped', 'defender.next_link_cross_origin']) {
        assert.ok(logged.includes(event), event);
      }
      for (const text of [...lines, err.message, JSON.stringify(err.details)])
        assert.ok(!text.includes('test-token'), text);
    });
  });

  describe('deadline and abort', () => {
    it('keeps a hung token provider within the deadline', async () => {
      const started = Date.now();
      const err = await failure(
        fx.client({ getToken: () => new Promise<string>(() => undefined), timeoutMs: 300 }).getMissingKbs(ID),
      );
      assert.equal(err.code, 'timeout');
      assert.ok(Date.now() - started < 1100);
      assert.equal(fx.fake.requests.length, 0);
    });

    it('gives timeout at the deadline when Defender answers after it, or stalls after the headers', async () => {
      const late = await fx.local((_req, res, later) => later(3000, () => sendJson(res, odata([]))));
      const stalled = await fx.local((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"value":[');
      });
      for (const server of [late, stalled]) {
        const started = Date.now();
        const err = await failure(fx.client({ baseUrl: server.url, timeoutMs: 300 }).getMissingKbs(ID));
        const elapsed = Date.now() - started;
        assert.deepEqual([err.code, err.details.softwareId, server.requests.length], ['timeout', ID, 1]);
        assert.ok(elapsed >= 250 && elapsed < 1300, `rejected after ${elapsed} ms`);
      }
    });

    it('ends a trickling body at the deadline even when a garbage collection follows the headers', async () => {
      // Node 20's undici, `redirect: 'error'`: a GC after the headers unlinks fetch's own abort from the body
      // (undici issue 4627); only the reader's own listener still stops the read.
      let closedAt = 0;
      const server = await fx.local((_req, res, later) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.on('close', () => (closedAt = Date.now()));
        const drip = (): void => {
          if (res.destroyed) return;
          res.write(' ');
          later(100, drip);
        };
        res.write('{"value":[');
        later(100, drip);
      });
      const timeoutMs = 1000;
      const started = Date.now();
      const err = await failure(
        fx.client({ baseUrl: server.url, timeoutMs, fetch: gcDuringFetch() }).getMissingKbs(EDGE),
      );
      const took = Date.now() - started;
      assert.equal(err.code, 'timeout');
      assert.ok(took < timeoutMs + 500, `ended after ${took} ms`);
      await waitFor(() => closedAt || undefined, 500, 'the connection to close');
      assert.ok(closedAt - started < timeoutMs + 500, `connection closed after ${closedAt - started} ms`);
    });

    it('stops when the caller aborts, saying it was cancelled, not a timeout', async () => {
      const server = await fx.local((_req, res, later) => later(3000, () => sendJson(res, odata([]))));
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      const started = Date.now();
      const err = await failure(fx.client({ baseUrl: server.url }).getMissingKbs(ID, controller.signal));
      assert.ok(Date.now() - started < 1000);
      assert.deepEqual([err.code, err.message], ['upstream-failure', 'The lookup was cancelled']);
      assert.equal(err.details.softwareId, ID);
      assert.equal((err.cause as Error).name, 'AbortError');
    });

    it('sends nothing when the caller signal is already aborted', async () => {
      fx.fake.script(ID, { body: odata([]) });
      const err = await failure(fx.client().getMissingKbs(ID, AbortSignal.abort()));
      assert.deepEqual([err.details.softwareId, fx.fake.requests.length], [ID, 0]);
    });
  });
});
