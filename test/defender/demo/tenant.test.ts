// The built-in demo Defender tenant (src/defender/demo), called directly and through the real DefenderClient.
import assert from 'node:assert/strict';
import sinon from 'sinon';
import { DefenderClient, type DefenderClientOptions } from '../../../src/defender/client';
import { DEMO_SOFTWARE } from '../../../src/defender/demo/data';
import { createDemoDefenderFetch, DEMO_BASE_URL } from '../../../src/defender/demo/tenant';
import type { FetchLike } from '../../../src/defender/types';
import { EDGE_KB } from '../../support/defenderClient';
import { failure } from '../../support/errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const AUTH = { authorization: 'Bearer demo-token' };
const EDGE_URL = `${DEMO_BASE_URL}/api/Software/microsoft-_-edge/getmissingkbs`;

/** The demo tenant's JSON answer to a direct request. */
async function demoJson(response: Response): Promise<any> {
  assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
  return JSON.parse(await response.text());
}

describe('demo Defender tenant', () => {
  let demoFetch: sinon.SinonSpy<Parameters<FetchLike>, ReturnType<FetchLike>>;
  let globalFetch: sinon.SinonStub;
  beforeEach(() => {
    demoFetch = sinon.spy(createDemoDefenderFetch());
    // The demo tenant must never reach the network: any use of the global fetch fails the test.
    globalFetch = sinon.stub(globalThis, 'fetch').rejects(new Error('the demo tenant used the network'));
  });
  afterEach(() => {
    sinon.assert.notCalled(globalFetch);
    sinon.restore();
  });

  const client = (options: Partial<DefenderClientOptions> = {}): DefenderClient =>
    new DefenderClient({
      baseUrl: DEMO_BASE_URL,
      fetch: demoFetch,
      getToken: () => Promise.resolve('demo-token'),
      ...options,
    });

  it('lives on an https origin under .invalid, which never resolves', () => {
    const url = new URL(DEMO_BASE_URL);
    assert.deepEqual([url.protocol, url.origin], ['https:', DEMO_BASE_URL]);
    assert.match(url.hostname, /\.invalid$/);
  });

  it('answers microsoft-_-windows_10 with dozens of well-formed KBs', async () => {
    const result = await client().getMissingKbs('microsoft-_-windows_10');
    assert.ok(result.kbs.length >= 24, `${result.kbs.length} KBs`);
    assert.equal(new Set(result.kbs.map((k) => k.id)).size, result.kbs.length, 'KB ids are unique');
    for (const kb of result.kbs) {
      assert.match(kb.id, /^\d{7}$/);
      assert.match(kb.name, /Cumulative Update for Windows 10/);
      assert.deepEqual(kb.productsNames, ['windows_10']);
      assert.ok(kb.machineMissedOn > 0 && kb.cveAddressed > 0);
      assert.equal(kb.url, `https://catalog.update.microsoft.com/v7/site/Search.aspx?q=KB${kb.id}`);
    }
  });

  it('round-trips every demo software (any case) through the client in one page; third-party software has none missing', async () => {
    for (const [id, kbs] of DEMO_SOFTWARE) {
      const expected = { softwareId: id.toUpperCase(), kbs, skipped: 0, pages: 1, complete: true };
      assert.deepEqual(await client().getMissingKbs(expected.softwareId), expected, id);
    }
    assert.deepEqual(DEMO_SOFTWARE.get('microsoft-_-edge')?.[0], EDGE_KB, 'the documented example first');
    assert.deepEqual((await client().getMissingKbs('videolan-_-vlc_media_player')).kbs, []);
  });

  const faults: [string, string, number, string, Record<string, unknown>][] = [
    ['contoso-_-nothing', 'not-found', 404, 'ResourceNotFound', {}],
    ['contoso-_-throttled', 'throttled', 429, 'TooManyRequests', { retryAfterSeconds: 45 }],
    ['contoso-_-forbidden', 'forbidden', 403, 'Forbidden', { permission: 'Software.Read' }],
    ['contoso-_-unavailable', 'upstream-failure', 503, 'ServiceUnavailable', {}],
  ];
  for (const [id, code, status, upstreamCode, extra] of faults) {
    it(`gives ${code} with a fresh correlation id for ${id}, at once`, async () => {
      const err = await failure(client().getMissingKbs(id));
      assert.deepEqual(
        { code: err.code, ...err.details, correlationId: undefined },
        { code, status, softwareId: id, upstreamCode, ...extra, correlationId: undefined },
      );
      assert.match(err.details.correlationId ?? '', UUID);
      assert.notEqual((await failure(client().getMissingKbs(id))).details.correlationId, err.details.correlationId);
      sinon.assert.calledTwice(demoFetch);
    });
  }

  describe('called directly', () => {
    it('answers 401 with the documented error body to a request without a bearer token', async () => {
      for (const headers of [{}, { authorization: 'Basic dXNlcjpwYXNz' }, { authorization: 'Bearer ' }, undefined] as (
        Record<string, string> | undefined
      )[]) {
        const response = await demoFetch(EDGE_URL, headers ? { method: 'GET', headers } : {});
        assert.equal(response.status, 401, JSON.stringify(headers));
        const body = await demoJson(response);
        assert.deepEqual([body.error.code, typeof body.error.message], ['Unauthorized', 'string']);
        assert.match(body.error.target, UUID);
      }
    });

    it('refuses methods other than GET (405) and other paths (404); decodes a percent-encoded id', async () => {
      const post = await demoFetch(EDGE_URL, { method: 'POST', headers: AUTH, body: '{}' });
      assert.deepEqual([post.status, (await demoJson(post)).error.code], [405, 'MethodNotAllowed']);
      for (const path of ['/api/Software/microsoft-_-edge', '/api/machines', '/', '/api/Software//getmissingkbs']) {
        const response = await demoFetch(`${DEMO_BASE_URL}${path}`, { method: 'GET', headers: AUTH });
        assert.deepEqual([response.status, (await demoJson(response)).error.code], [404, 'ResourceNotFound'], path);
      }
      const encoded = `${DEMO_BASE_URL}/api/Software/microsoft-_-%65dge/getmissingkbs`;
      assert.equal((await demoFetch(encoded, { method: 'GET', headers: AUTH })).status, 200);
    });

    // A client pointed elsewhere then fails with upstream-failure, as for any fetch that rejects (client.test.ts).
    it('rejects every other origin', async () => {
      for (const origin of [
        'https://api.security.microsoft.com',
        'http://demo-tenant.defender.invalid',
        'https://demo-tenant.defender.invalid:8443',
        'http://127.0.0.1:9',
      ]) {
        await assert.rejects(
          demoFetch(`${origin}/api/Software/microsoft-_-edge/getmissingkbs`, { headers: AUTH }),
          TypeError,
        );
      }
    });
  });

  describe('GET /api/Software', () => {
    /** The demo tenant's raw answer to a query string. */
    async function get(query: string): Promise<{ status: number; ids: string[] }> {
      const res = await demoFetch(`${DEMO_BASE_URL}/api/Software${query.replace(/ /g, '%20')}`, { headers: AUTH });
      const body = (await res.json()) as { value?: { id: string }[] };
      return { status: res.status, ids: (body.value ?? []).map((s) => s.id) };
    }
    const ids = (list: { items: readonly { id: string }[] }): string[] => list.items.map((s) => s.id);

    it('filters with eq on id, name and vendor, combined with and/or and parentheses', async () => {
      assert.deepEqual(ids(await client().listSoftware({ filter: { op: 'eq', field: 'name', value: 'edge' } })), [
        'microsoft-_-edge',
      ]);
      const jdk = await client().listSoftware({ filter: { op: 'eq', field: 'name', value: 'jdk' } });
      assert.deepEqual(jdk.items.map((s) => s.vendor).sort(), ['amazon', 'azul', 'oracle']);
      const both = await get("?$filter=(vendor eq 'oracle' and name eq 'jdk') or id eq 'google-_-chrome'");
      assert.deepEqual(both.ids, ['google-_-chrome', 'oracle-_-jdk']);
    });

    it('sorts with $orderby, pages with $top and $skip, and understands contains', async () => {
      const top = await client().listSoftware({ orderby: 'exposedMachines desc', top: 3 });
      assert.deepEqual(ids(top), ['microsoft-_-windows_10', 'microsoft-_-teams', 'microsoft-_-.net_framework']);
      const next = await client().listSoftware({ orderby: 'exposedMachines desc', top: 1, skip: 1 });
      assert.deepEqual(ids(next), ['microsoft-_-teams']);
      const edges = await client().listSoftware({ filter: { op: 'contains', field: 'name', value: 'edge' } });
      assert.deepEqual(ids(edges), ['microsoft-_-edge', 'microsoft-_-edge_webview2']);
    });

    it('answers 400 for undocumented fields, bad syntax, deep nesting, unknown options and $top over 10,000', async () => {
      for (const query of [
        "?$filter=weaknesses eq '1'",
        "?$filter=name eq 'a' or",
        "?$filter=name eq 'unterminated",
        `?$filter=${'('.repeat(100)}name eq 'a'${')'.repeat(100)}`,
        '?$expand=x',
        '?$top=10001',
        '?$top=-1',
      ]) {
        assert.equal((await get(query)).status, 400, query);
      }
    });
  });
});
