// DefenderClient.listSoftware over HTTP against the fake Defender's documented GET /api/Software.
import assert from 'node:assert/strict';
import { AppError } from '../../src/errors';
import { useClientFixture, TOKEN } from '../support/defenderClient';
import { odataError, softwareItem } from '../support/fakeDefender';

const INVENTORY = [
  softwareItem('microsoft-_-edge', { exposedMachines: 240, weaknesses: 14 }),
  softwareItem('microsoft-_-windows_10', { exposedMachines: 412, weaknesses: 96, publicExploit: true }),
  softwareItem('google-_-chrome', { exposedMachines: 298, weaknesses: 31 }),
];

describe('DefenderClient.listSoftware (FakeDefender on 127.0.0.1)', () => {
  const fx = useClientFixture();

  it('lists the inventory as typed Software with the bearer token', async () => {
    fx.fake.software(INVENTORY);
    const list = await fx.client().listSoftware();
    assert.deepEqual(
      list.items.map((s) => [s.id, s.vendor, s.name, s.exposedMachines]),
      [
        ['microsoft-_-edge', 'microsoft', 'edge', 240],
        ['microsoft-_-windows_10', 'microsoft', 'windows_10', 412],
        ['google-_-chrome', 'google', 'chrome', 298],
      ],
    );
    assert.equal(list.items[1].publicExploit, true);
    assert.equal(fx.fake.requests[0].authorization, `Bearer ${TOKEN}`);
    assert.equal(fx.fake.requests[0].path, '/api/Software');
  });

  it('sends $filter, $top and $skip that the server understands', async () => {
    fx.fake.software(INVENTORY);
    const list = await fx.client().listSoftware({
      filter: { op: 'eq', field: 'vendor', value: 'microsoft' },
      top: 1,
      skip: 1,
    });
    assert.deepEqual(
      list.items.map((s) => s.id),
      ['microsoft-_-windows_10'],
    );
  });

  it('hostile names reach the server as one literal: they match only an item with exactly that name', async () => {
    const hostile = ["'", "' or 1 eq 1", "edge' or name ne '", '%27', '&$top=1', '$skip=1', 'ünï😀', ") or (name ne '"];
    fx.fake.software([...INVENTORY, ...hostile.map((name, i) => softwareItem(`evil${i}-_-x`, { name }))]);
    for (const [i, name] of hostile.entries()) {
      const list = await fx.client().listSoftware({ filter: { op: 'eq', field: 'name', value: name }, top: 50 });
      assert.deepEqual(
        list.items.map((s) => s.id),
        [`evil${i}-_-x`],
        name,
      );
    }
    for (const request of fx.fake.requests) {
      assert.deepEqual([...new URL(request.url, fx.fake.url).searchParams.keys()], ['$filter', '$top']);
    }
  });

  it('maps a 400 (e.g. an unsupported function) to bad-input without a software id', async () => {
    fx.fake.software(INVENTORY);
    await assert.rejects(
      fx.client().listSoftware({ filter: { op: 'contains', field: 'name', value: 'ed' } }),
      (err: unknown) =>
        err instanceof AppError &&
        err.code === 'bad-input' &&
        err.details.status === 400 &&
        err.details.softwareId === undefined,
    );
  });

  it('uses $orderby when the server accepts it', async () => {
    fx.fake.software(INVENTORY, { orderby: true });
    const list = await fx.client().listSoftware({ orderby: 'exposedMachines desc', top: 2 });
    assert.deepEqual(
      list.items.map((s) => s.id),
      ['microsoft-_-windows_10', 'google-_-chrome'],
    );
  });

  it('follows same-origin nextLinks but stops once $top items have arrived', async () => {
    const first = '/api/Software?$top=3';
    fx.fake.page(first, {
      body: { value: [INVENTORY[0], { name: 'no id' }], '@odata.nextLink': `${fx.fake.url}/api/Software?$skiptoken=2` },
    });
    fx.fake.page('/api/Software?$skiptoken=2', {
      body: { value: [INVENTORY[1], INVENTORY[2]], '@odata.nextLink': `${fx.fake.url}/api/Software?$skiptoken=3` },
    });
    const list = await fx.client().listSoftware({ top: 3 });
    assert.deepEqual(
      list.items.map((s) => s.id),
      ['microsoft-_-edge', 'microsoft-_-windows_10', 'google-_-chrome'],
    );
    assert.equal(list.skipped, 1);
    assert.equal(list.pages, 2);
    assert.equal(fx.fake.requests.length, 2);
  });

  it('retries a 503 as for missing KBs, then gives up with upstream-failure', async () => {
    fx.fake.page('/api/Software?$top=1', { status: 503, body: odataError('ServiceUnavailable', 'busy') });
    await assert.rejects(
      fx.client({ maxRetries: 2 }).listSoftware({ top: 1 }),
      (err: unknown) => err instanceof AppError && err.code === 'upstream-failure',
    );
    assert.equal(fx.fake.requests.length, 3);
  });

  it('a deadline turns a hanging list into a timeout error', async () => {
    fx.fake.page('/api/Software?$top=1', { delayMs: 2000, body: { value: [] } });
    await assert.rejects(
      fx.client({ timeoutMs: 50 }).listSoftware({ top: 1 }),
      (err: unknown) => err instanceof AppError && err.code === 'timeout',
    );
  });
});
