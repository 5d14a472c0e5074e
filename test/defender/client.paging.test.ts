// DefenderClient over HTTP: following @odata.nextLink (same origin only, loops, page caps).
import assert from 'node:assert/strict';
import { createLogger } from '../../src/log';
import { useClientFixture, kbItem, kbsPath, TOKEN } from '../support/defenderClient';
import { failure } from '../support/errors';
import { odata } from '../support/fakeDefender';

describe('DefenderClient over HTTP (FakeDefender on 127.0.0.1)', () => {
  const fx = useClientFixture();

  describe('paging', () => {
    const ID = 'paged-_-software';

    it('follows an absolute same-origin @odata.nextLink and concatenates the pages', async () => {
      const page2 = `${kbsPath(ID)}?$skiptoken=page2`;
      fx.fake.script(ID, { body: odata([kbItem('1'), kbItem('2')], `${fx.fake.url}${page2}`) });
      fx.fake.page(page2, { body: odata([kbItem('3')]) });
      const result = await fx.client().getMissingKbs(ID);
      assert.deepEqual(
        result.kbs.map((k) => k.id),
        ['1', '2', '3'],
      );
      assert.equal(result.pages, 2);
      assert.equal(result.complete, true);
      assert.deepEqual(
        fx.fake.requests.map((r) => r.url),
        [kbsPath(ID), page2],
      );
      assert.ok(fx.fake.requests.every((r) => r.authorization === `Bearer ${TOKEN}`));
    });

    it('follows relative nextLinks (path-absolute and path-relative)', async () => {
      const page2 = `${kbsPath(ID)}?$skip=2`;
      const page3 = `${kbsPath(ID)}?$skip=4`;
      fx.fake.script(ID, { body: odata([kbItem('1'), kbItem('2')], page2) });
      fx.fake.page(page2, { body: odata([kbItem('3'), { name: 'no id' }], 'getmissingkbs?$skip=4') });
      fx.fake.page(page3, { body: odata([kbItem('5')]) });
      const result = await fx.client().getMissingKbs(ID);
      assert.deepEqual(
        result.kbs.map((k) => k.id),
        ['1', '2', '3', '5'],
      );
      assert.equal(result.skipped, 1);
      assert.equal(result.pages, 3);
      assert.equal(result.complete, true);
      assert.deepEqual(
        fx.fake.requests.map((r) => r.url),
        [kbsPath(ID), page2, page3],
      );
    });

    it('does not follow a nextLink to another origin (the token stays home) and reports incomplete', async () => {
      const lines: string[] = [];
      const leak = `${kbsPath(ID)}?$skiptoken=2`;
      fx.other.script(ID, { body: odata([kbItem('666')]) });
      fx.other.page(leak, { body: odata([kbItem('666')]) });
      fx.fake.script(ID, { body: odata([kbItem('1')], `${fx.other.url}${leak}`) });
      const result = await fx.client({ logger: createLogger('debug', (l) => lines.push(l)) }).getMissingKbs(ID);
      assert.equal(fx.other.requests.length, 0);
      assert.equal(fx.fake.requests.length, 1);
      assert.deepEqual(
        result.kbs.map((k) => k.id),
        ['1'],
      );
      assert.equal(result.pages, 1);
      assert.equal(result.complete, false);
      assert.ok(lines.some((l) => l.includes('defender.next_link_cross_origin')));
    });

    it('treats another scheme on the same host and port as another origin', async () => {
      const port = new URL(fx.fake.url).port;
      fx.fake.script(ID, { body: odata([kbItem('1')], `https://127.0.0.1:${port}${kbsPath(ID)}?$skip=1`) });
      const result = await fx.client().getMissingKbs(ID);
      assert.equal(fx.fake.requests.length, 1);
      assert.equal(result.complete, false);
    });

    it('stops at a nextLink loop', async () => {
      const page2 = `${kbsPath(ID)}?$skiptoken=2`;
      fx.fake.script(ID, { body: odata([kbItem('1')], page2) });
      fx.fake.page(page2, { body: odata([kbItem('2')], `${fx.fake.url}${kbsPath(ID)}`) });
      const result = await fx.client().getMissingKbs(ID);
      assert.deepEqual(
        result.kbs.map((k) => k.id),
        ['1', '2'],
      );
      assert.equal(result.pages, 2);
      assert.equal(result.complete, false);
      assert.equal(fx.fake.requests.length, 2);
    });

    it('stops at a nextLink to the page itself', async () => {
      fx.fake.script(ID, { body: odata([kbItem('1')], kbsPath(ID)) });
      const result = await fx.client().getMissingKbs(ID);
      assert.equal(result.pages, 1);
      assert.equal(result.complete, false);
      assert.equal(fx.fake.requests.length, 1);
    });

    it('caps the pages with maxPages', async () => {
      const link = (n: number): string => `${kbsPath(ID)}?page=${n}`;
      fx.fake.script(ID, { body: odata([kbItem('1')], link(2)) });
      for (let n = 2; n <= 5; n++) fx.fake.page(link(n), { body: odata([kbItem(String(n))], link(n + 1)) });
      const result = await fx.client({ maxPages: 3 }).getMissingKbs(ID);
      assert.deepEqual(
        result.kbs.map((k) => k.id),
        ['1', '2', '3'],
      );
      assert.equal(result.pages, 3);
      assert.equal(result.complete, false);
      assert.equal(fx.fake.requests.length, 3);
    });

    it('reads only the first page with maxPages 1', async () => {
      fx.fake.script(ID, { body: odata([kbItem('1')], `${kbsPath(ID)}?page=2`) });
      fx.fake.page(`${kbsPath(ID)}?page=2`, { body: odata([kbItem('2')]) });
      const result = await fx.client({ maxPages: 1 }).getMissingKbs(ID);
      assert.equal(result.pages, 1);
      assert.equal(result.complete, false);
      assert.equal(fx.fake.requests.length, 1);
    });

    it('ignores a nextLink that is not a URL', async () => {
      fx.fake.script(ID, { body: odata([kbItem('1')], 'http://[not-a-host') });
      const result = await fx.client().getMissingKbs(ID);
      assert.equal(result.pages, 1);
      assert.equal(result.complete, false);
      assert.equal(fx.fake.requests.length, 1);
    });

    it('fails the call when a later page fails', async () => {
      const page2 = `${kbsPath(ID)}?$skiptoken=2`;
      fx.fake.script(ID, { body: odata([kbItem('1')], page2) });
      fx.fake.page(page2, { status: 200, body: 'not json' });
      const err = await failure(fx.client().getMissingKbs(ID));
      assert.equal(err.code, 'bad-response');
      assert.equal(err.details.softwareId, ID);
    });
  });
});
