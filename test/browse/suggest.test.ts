// src/browse/suggest.ts and nameFilters.ts: nearest names, the per-user list, and how names become filters.
import assert from 'node:assert/strict';
import sinon from 'sinon';
import { exactFilter, simpleFilters, vendorNameSplits } from '../../src/browse/nameFilters';
import type { SoftwareSource } from '../../src/browse/source';
import { editDistance, Suggestions, SUGGESTION_LIST_SIZE } from '../../src/browse/suggest';
import type { RequestContext } from '../../src/commands/types';
import { renderFilter } from '../../src/defender/odata';
import type { SoftwareList } from '../../src/defender/types';
import { softwareItem } from '../support/fakeDefender';

const LIST: SoftwareList = {
  items: [
    softwareItem('mozilla-_-firefox', { exposedMachines: 121 }),
    softwareItem('microsoft-_-edge', { exposedMachines: 240 }),
    softwareItem('microsoft-_-edge_webview2', { exposedMachines: 187 }),
    softwareItem('google-_-chrome', { exposedMachines: 298 }),
  ],
  skipped: 0,
  pages: 1,
  complete: true,
};
const MEGAN: RequestContext = { conversationType: 'personal', tenantId: 't1', userId: 'megan' };
const ADELE: RequestContext = { conversationType: 'personal', tenantId: 't1', userId: 'adele' };

describe('suggestions', () => {
  afterEach(() => sinon.restore());

  it('edit distance, with an early stop past the limit', () => {
    assert.equal(editDistance('frefox', 'firefox', 3), 1);
    assert.equal(editDistance('edge', 'edge', 1), 0);
    assert.equal(editDistance('a', 'abcdef', 2), 3);
    assert.equal(editDistance('kitten', 'sitting', 5), 3);
  });

  it('suggests the nearest names, containing ones first, most exposed first', async () => {
    const source = sinon.stub<Parameters<SoftwareSource>, ReturnType<SoftwareSource>>().resolves(LIST);
    const suggestions = new Suggestions(source);
    assert.deepEqual(
      (await suggestions.nearest('frefox', MEGAN)).map((s) => s.id),
      ['mozilla-_-firefox'],
    );
    assert.deepEqual(
      (await suggestions.nearest('Edg', MEGAN)).map((s) => s.id),
      ['microsoft-_-edge', 'microsoft-_-edge_webview2'],
    );
    assert.deepEqual(await suggestions.nearest('zzzzzzzz', MEGAN), []);
    assert.deepEqual(source.firstCall.args[0], { top: SUGGESTION_LIST_SIZE });
  });

  it("keeps each user's list for that user only, briefly; without a user, keeps nothing", async () => {
    const clock = sinon.useFakeTimers({ now: 1_000_000, toFake: ['Date'] });
    const source = sinon.stub<Parameters<SoftwareSource>, ReturnType<SoftwareSource>>().resolves(LIST);
    const suggestions = new Suggestions(source, 60_000);
    await suggestions.nearest('edge', MEGAN);
    await suggestions.nearest('chrome', MEGAN);
    assert.equal(source.callCount, 1, 'the same user within the minute reuses the list');
    await suggestions.nearest('edge', ADELE);
    assert.equal(source.callCount, 2, 'another user gets a list fetched with their own request');
    assert.equal(source.secondCall.args[1], ADELE);
    clock.tick(60_001);
    await suggestions.nearest('edge', MEGAN);
    assert.equal(source.callCount, 3, 'an expired list is fetched again');
    const anonymous: RequestContext = { conversationType: 'personal' };
    await suggestions.nearest('edge', anonymous);
    await suggestions.nearest('edge', anonymous);
    assert.equal(source.callCount, 5);
  });
});

describe('name filters', () => {
  it('reads words as vendor + name splits, asked in one eq/and/or filter, or as single comparisons', () => {
    assert.deepEqual(vendorNameSplits('Microsoft Internet Explorer'), [
      { vendor: 'microsoft', name: 'internet_explorer' },
      { vendor: 'microsoft_internet', name: 'explorer' },
    ]);
    assert.deepEqual(vendorNameSplits('edge'), []);
    assert.equal(
      renderFilter(exactFilter('Microsoft Edge')),
      "id eq 'microsoft_edge' or name eq 'microsoft_edge' or vendor eq 'microsoft_edge' or " +
        "(vendor eq 'microsoft' and name eq 'edge')",
    );
    assert.equal(
      renderFilter(exactFilter("O'Reilly")),
      "id eq 'o''reilly' or name eq 'o''reilly' or vendor eq 'o''reilly'",
    );
    // For a Defender that refuses or/and: the vendor is checked on the answer.
    assert.deepEqual(
      simpleFilters('Microsoft Edge').map((s) => [renderFilter(s.filter), s.vendor]),
      [
        ["name eq 'microsoft_edge'", undefined],
        ["vendor eq 'microsoft_edge'", undefined],
        ["name eq 'edge'", 'microsoft'],
      ],
    );
  });
});
