// Tests of the built-in demo Defender tenant (createDemoDefenderFetch), used through the real DefenderClient.
import assert from 'node:assert/strict';
import sinon from 'sinon';
import { DefenderClient, type DefenderClientOptions } from '../../src/defender/client';
import { DEMO_SOFTWARE } from '../../src/defender/demo/data';
import { createDemoDefenderFetch, DEMO_BASE_URL } from '../../src/defender/demo/tenant';
import type { FetchLike } from '../../src/defender/types';
import { failure } from '../support/errors';
import { EDGE_KB } from '../support/defenderClient';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const AUTH = { authorization: 'Bearer demo-token' };

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

  function client(options: Partial<DefenderClientOptions> = {}): DefenderClient {
    return new DefenderClient({
      baseUrl: DEMO_BASE_URL,
      fetch: demoFetch,
      getToken: () => Promise.resolve('demo-token'),
      backoffBaseMs: 1,
      ...options,
    });
  }

  it('lives on an https origin under .invalid, which never resolves', () => {
    const url = new URL(DEMO_BASE_URL);
    assert.equal(url.protocol, 'https:');
    assert.match(url.hostname, /\.invalid$/);
    assert.equal(url.origin, DEMO_BASE_URL);
  });

  it('answers microsoft-_-edge with the documented example KB first', async () => {
    const result = await client().getMissingKbs('microsoft-_-edge');
    assert.equal(result.softwareId, 'microsoft-_-edge');
    assert.equal(result.pages, 1);
    assert.equal(result.complete, true);
    assert.equal(result.skipped, 0);
    assert.deepEqual(result.kbs[0], EDGE_KB);
    assert.ok(result.kbs.length >= 1);
    sinon.assert.calledOnce(demoFetch);
    const [url, init] = demoFetch.firstCall.args;
    assert.equal(url, `${DEMO_BASE_URL}/api/Software/microsoft-_-edge/getmissingkbs`);
    assert.equal(new Headers(init.headers).get('authorization'), 'Bearer demo-token');
  });

  it('matches software ids case-insensitively', async () => {
    const lower = await client().getMissingKbs('microsoft-_-edge');
    const mixed = await client().getMissingKbs('Microsoft-_-EDGE');
    assert.deepEqual(mixed.kbs, lower.kbs);
    assert.equal(mixed.softwareId, 'Microsoft-_-EDGE');
  });

  it('answers microsoft-_-windows_10 with dozens of well-formed KBs', async () => {
    const result = await client().getMissingKbs('microsoft-_-windows_10');
    assert.ok(result.kbs.length >= 24, `${result.kbs.length} KBs`);
    assert.equal(result.skipped, 0);
    assert.equal(new Set(result.kbs.map((k) => k.id)).size, result.kbs.length, 'KB ids are unique');
    for (const kb of result.kbs) {
      assert.match(kb.id, /^\d{7}$/);
      assert.match(kb.name, /Cumulative Update for Windows 10/);
      assert.deepEqual(kb.productsNames, ['windows_10']);
      assert.ok(kb.machineMissedOn > 0 && kb.cveAddressed > 0);
      assert.equal(kb.url, `https://catalog.update.microsoft.com/v7/site/Search.aspx?q=KB${kb.id}`);
    }
  });

  it('answers google-_-chrome with no KBs', async () => {
    assert.deepEqual(await client().getMissingKbs('google-_-chrome'), {
      softwareId: 'google-_-chrome',
      kbs: [],
      skipped: 0,
      pages: 1,
      complete: true,
    });
  });

  it('round-trips every demo software through the client unchanged', async () => {
    for (const [id, kbs] of DEMO_SOFTWARE) {
      const result = await client().getMissingKbs(id);
      assert.deepEqual(result.kbs, kbs, id);
      assert.equal(result.complete, true);
    }
  });

  it('gives not-found with a correlation id for an unknown id', async () => {
    const err = await failure(client().getMissingKbs('contoso-_-nothing'));
    assert.equal(err.code, 'not-found');
    assert.equal(err.details.status, 404);
    assert.equal(err.details.softwareId, 'contoso-_-nothing');
    assert.equal(err.details.upstreamCode, 'ResourceNotFound');
    assert.match(err.details.correlationId ?? '', UUID);
    sinon.assert.calledOnce(demoFetch);
  });

  it('gives a fresh correlation id per failure', async () => {
    const first = await failure(client().getMissingKbs('contoso-_-nothing'));
    const second = await failure(client().getMissingKbs('contoso-_-nothing'));
    assert.notEqual(first.details.correlationId, second.details.correlationId);
  });

  it('gives throttled with Retry-After 45 for contoso-_-throttled, at once', async () => {
    const started = Date.now();
    const err = await failure(client().getMissingKbs('contoso-_-throttled'));
    assert.ok(Date.now() - started < 1000);
    assert.equal(err.code, 'throttled');
    assert.equal(err.details.retryAfterSeconds, 45);
    assert.equal(err.details.upstreamCode, 'TooManyRequests');
    assert.match(err.details.correlationId ?? '', UUID);
    sinon.assert.calledOnce(demoFetch);
  });

  it('gives forbidden for contoso-_-forbidden', async () => {
    const err = await failure(client().getMissingKbs('contoso-_-forbidden'));
    assert.equal(err.code, 'forbidden');
    assert.equal(err.details.status, 403);
    assert.equal(err.details.permission, 'Software.Read');
    assert.equal(err.details.upstreamCode, 'Forbidden');
    assert.match(err.details.correlationId ?? '', UUID);
  });

  it('gives upstream-failure for contoso-_-unavailable after the retries', async () => {
    const err = await failure(client().getMissingKbs('contoso-_-unavailable'));
    assert.equal(err.code, 'upstream-failure');
    assert.equal(err.details.status, 503);
    assert.equal(err.details.upstreamCode, 'ServiceUnavailable');
    sinon.assert.callCount(demoFetch, 3);
  });

  describe('called directly', () => {
    const edgeUrl = `${DEMO_BASE_URL}/api/Software/microsoft-_-edge/getmissingkbs`;

    it('answers the documented OData envelope', async () => {
      const response = await demoFetch(edgeUrl, { method: 'GET', headers: AUTH });
      assert.equal(response.status, 200);
      const body = await demoJson(response);
      assert.match(
        body['@odata.context'],
        /\$metadata#Collection\(microsoft\.windowsDefenderATP\.api\.PublicProductFixDto\)$/,
      );
      assert.ok(Array.isArray(body.value));
      assert.equal(body.value[0].id, '4540673');
    });

    it('answers 401 with the documented error body to a request without a bearer token', async () => {
      const variants: Record<string, string>[] = [
        {},
        { authorization: 'Basic dXNlcjpwYXNz' },
        { authorization: 'Bearer ' },
      ];
      for (const headers of variants) {
        const response = await demoFetch(edgeUrl, { method: 'GET', headers });
        assert.equal(response.status, 401, JSON.stringify(headers));
        const body = await demoJson(response);
        assert.equal(body.error.code, 'Unauthorized');
        assert.equal(typeof body.error.message, 'string');
        assert.match(body.error.target, UUID);
      }
    });

    it('answers 401 to a request with no init headers at all', async () => {
      const response = await demoFetch(edgeUrl, {});
      assert.equal(response.status, 401);
    });

    it('refuses methods other than GET', async () => {
      const response = await demoFetch(edgeUrl, { method: 'POST', headers: AUTH, body: '{}' });
      assert.equal(response.status, 405);
      assert.equal((await demoJson(response)).error.code, 'MethodNotAllowed');
    });

    it('answers 404 for other paths', async () => {
      for (const path of ['/api/Software/microsoft-_-edge', '/api/machines', '/', '/api/Software//getmissingkbs']) {
        const response = await demoFetch(`${DEMO_BASE_URL}${path}`, { method: 'GET', headers: AUTH });
        assert.equal(response.status, 404, path);
        assert.equal((await demoJson(response)).error.code, 'ResourceNotFound');
      }
    });

    it('decodes a percent-encoded id', async () => {
      const response = await demoFetch(`${DEMO_BASE_URL}/api/Software/microsoft-_-%65dge/getmissingkbs`, {
        method: 'GET',
        headers: AUTH,
      });
      assert.equal(response.status, 200);
    });

    it('rejects every other origin', async () => {
      for (const url of [
        'https://api.security.microsoft.com/api/Software/microsoft-_-edge/getmissingkbs',
        'http://demo-tenant.defender.invalid/api/Software/microsoft-_-edge/getmissingkbs',
        'https://demo-tenant.defender.invalid:8443/api/Software/microsoft-_-edge/getmissingkbs',
        'http://127.0.0.1:9/api/Software/microsoft-_-edge/getmissingkbs',
      ]) {
        await assert.rejects(demoFetch(url, { method: 'GET', headers: AUTH }), TypeError, url);
      }
    });

    it('makes a client on another origin fail with upstream-failure', async () => {
      const err = await failure(
        client({ baseUrl: 'https://api.security.microsoft.com', maxRetries: 0 }).getMissingKbs('microsoft-_-edge'),
      );
      assert.equal(err.code, 'upstream-failure');
      assert.ok(err.cause instanceof TypeError);
    });
  });
});
