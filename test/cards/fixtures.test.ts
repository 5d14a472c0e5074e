// test/fixtures/cards holds every card the bot can send, as the builders make it today (npm run cards:fixtures).
import assert from 'node:assert/strict';
import { fixtureNames, staleFixtures } from '../../scripts/cards/fixtures';
import { cardSamples } from '../../scripts/cards/samples';
import { ERROR_CODES } from '../support/errors';

describe('card fixtures', () => {
  it('are up to date with the card builders (run npm run cards:fixtures after changing a card)', () => {
    assert.deepEqual(staleFixtures(cardSamples()), []);
  });

  it('cover the missing-KBs variants, every error code, the invalid id, help and welcome', () => {
    const names = fixtureNames();
    for (const variant of ['few', 'many', 'none', 'incomplete', 'skipped', 'unreadable']) {
      assert.ok(names.includes(`missing-kbs-${variant}`), variant);
    }
    for (const code of ERROR_CODES) assert.ok(names.includes(`error-${code}`), code);
    for (const name of ['invalid-id', 'help', 'help-unknown-in-channel', 'welcome'])
      assert.ok(names.includes(name), name);
  });

  it('cover the missing-KBs card, errors, help, welcome and sign-in in French (fr-*)', () => {
    const names = fixtureNames();
    for (const name of ['missing-kbs-few', 'missing-kbs-none', 'error-not-found', 'invalid-id', 'welcome'])
      assert.ok(names.includes(`fr-${name}`), `fr-${name}`);
    assert.ok(names.some((name) => name.startsWith('fr-help')));
    assert.ok(names.some((name) => name.startsWith('fr-sign-in')));
  });

  it('give each sample text to look for on the rendered card', () => {
    for (const sample of cardSamples()) assert.ok(sample.expect.length > 0, sample.name);
  });
});
