// The demo tenant's GET /api/Software: the documented OData options through the real DefenderClient.
import assert from 'node:assert/strict';
import { DefenderClient } from '../../src/defender/client';
import { createDemoDefenderFetch, DEMO_BASE_URL } from '../../src/defender/demo/tenant';

const client = new DefenderClient({
  baseUrl: DEMO_BASE_URL,
  fetch: createDemoDefenderFetch(),
  getToken: () => Promise.resolve('demo'),
});
const demoFetch = createDemoDefenderFetch();

/** The demo tenant's raw answer to a query string. */
async function get(query: string): Promise<{ status: number; ids: string[] }> {
  const res = await demoFetch(`${DEMO_BASE_URL}/api/Software${query}`, { headers: { authorization: 'Bearer demo' } });
  const body = (await res.json()) as { value?: { id: string }[] };
  return { status: res.status, ids: (body.value ?? []).map((s) => s.id) };
}

describe('demo tenant: GET /api/Software', () => {
  it('filters with eq on id, name and vendor, combined with and/or and parentheses', async () => {
    const edge = await client.listSoftware({ filter: { op: 'eq', field: 'name', value: 'edge' } });
    assert.deepEqual(
      edge.items.map((s) => s.id),
      ['microsoft-_-edge'],
    );
    const jdk = await client.listSoftware({ filter: { op: 'eq', field: 'name', value: 'jdk' } });
    assert.deepEqual(jdk.items.map((s) => s.vendor).sort(), ['amazon', 'azul', 'oracle']);
    const both = await get(
      "?$filter=(vendor eq 'oracle' and name eq 'jdk') or id eq 'google-_-chrome'".replace(/ /g, '%20'),
    );
    assert.deepEqual(both.ids, ['google-_-chrome', 'oracle-_-jdk']);
  });

  it('sorts with $orderby, pages with $top and $skip, and understands contains', async () => {
    const top = await client.listSoftware({ orderby: 'exposedMachines desc', top: 3 });
    assert.deepEqual(
      top.items.map((s) => s.id),
      ['microsoft-_-windows_10', 'microsoft-_-teams', 'microsoft-_-.net_framework'],
    );
    const next = await client.listSoftware({ orderby: 'exposedMachines desc', top: 1, skip: 1 });
    assert.deepEqual(
      next.items.map((s) => s.id),
      ['microsoft-_-teams'],
    );
    const edges = await client.listSoftware({ filter: { op: 'contains', field: 'name', value: 'edge' } });
    assert.deepEqual(
      edges.items.map((s) => s.id),
      ['microsoft-_-edge', 'microsoft-_-edge_webview2'],
    );
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
      assert.equal((await get(query.replace(/ /g, '%20'))).status, 400, query);
    }
  });

  it('has nothing missing for third-party software of the inventory', async () => {
    const result = await client.getMissingKbs('videolan-_-vlc_media_player');
    assert.deepEqual(result.kbs, []);
  });
});
