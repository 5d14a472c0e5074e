// test/fixtures/cards holds every English card sample as the builders make it (npm run cards:fixtures); French
// samples have no fixture, so they must keep their English twin's layout (the catalogue test checks their words).
import assert from 'node:assert/strict';
import { englishTwin, fixtureNames, fixtureSamples, layoutOf, staleFixtures } from '../../scripts/cards/fixtures';
import { cardSamples } from '../../scripts/cards/samples';
import { ERROR_CODES } from '../support/errors';

describe('card fixtures', () => {
  const samples = cardSamples();

  it('are up to date with the card builders (run npm run cards:fixtures after changing a card)', () => {
    assert.deepEqual(staleFixtures(samples), []);
  });

  it('cover the missing-KBs variants, every error code, the invalid id, help and welcome, with text to look for', () => {
    const names = fixtureNames();
    const expected = [
      ...['few', 'many', 'none', 'incomplete', 'skipped', 'unreadable'].map((variant) => `missing-kbs-${variant}`),
      ...ERROR_CODES.map((code) => `error-${code}`),
      ...['invalid-id', 'help', 'help-unknown-in-channel', 'welcome', 'browse-kbs-page-2', 'browse-top'],
    ];
    for (const name of expected) assert.ok(names.includes(name), name);
    for (const sample of samples) assert.ok(sample.expect.length > 0, `${sample.name} has text to look for`);
  });

  for (const sample of samples.filter((s) => englishTwin(s.name) !== undefined)) {
    it(`${sample.name} has the layout of its English twin, and its French words`, () => {
      const twin = samples.find((s) => s.name === englishTwin(sample.name));
      assert.ok(twin, `no English sample ${String(englishTwin(sample.name))}`);
      assert.deepEqual(layoutOf(sample.card), layoutOf(twin.card), 'a French layout of its own needs a fixture');
      for (const text of sample.expect)
        assert.ok(JSON.stringify(sample.card).replace(/\s+/g, ' ').includes(text), text);
    });
  }

  it('the layout check can fail: an element more, or another colour, is a different layout', () => {
    const [en] = fixtureSamples(samples);
    const body = en.card.body as Record<string, unknown>[];
    assert.notDeepEqual(layoutOf({ ...en.card, body: [...body, body[0]] }), layoutOf(en.card));
    assert.notDeepEqual(
      layoutOf({ ...en.card, body: [{ ...body[0], color: 'Good' }] }),
      layoutOf({ ...en.card, body: [body[0]] }),
    );
    assert.deepEqual(layoutOf({ ...en.card, fallbackText: 'autre' }), layoutOf(en.card));
  });
});
