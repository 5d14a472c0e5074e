// The catalogues (src/i18n): French has every key of English with the same shape, and is really French.
import assert from 'node:assert/strict';
import { catalogue, LOCALES } from '../../src/i18n';
import { leaves, shapeProblems } from '../support/catalogueShape';

const en = catalogue('en');
const fr = catalogue('fr');

/** Names and identifiers that stay in English inside French sentences. */
const ENGLISH_NAMES = [
  'Read Threat and Vulnerability Management Software information',
  'Microsoft Defender for Endpoint',
  'Microsoft Update',
  'Microsoft Defender',
  'Microsoft Entra ID',
  'Microsoft',
  'Defender',
  'Teams',
  'Entra ID',
  'WindowsDefenderATP',
  'webApplicationInfo.resource',
  'access_as_user',
  'api://botid-{app id}',
  'Software.Read',
  'Bot',
];

/** Words that give away an English sentence left untranslated. */
const ENGLISH_WORDS = /\b(the|and|your|you|is|are|with|for|not|this|please|sign|again|try|ask|missing|devices?)\b/i;

describe('language catalogues', () => {
  it('gives French every key of English, with the same types and function arities', () => {
    assert.deepEqual(shapeProblems(en, fr), []);
  });

  it('would report a missing key, an extra key, a wrong type and a wrong arity (the check can fail)', () => {
    const broken = {
      common: { botName: 'x' },
      errors: { thisSoftware: 1 },
      help: { ...fr.help, tryIt: () => 'x', extra: 'y' },
    };
    const problems = shapeProblems({ common: en.common, errors: { thisSoftware: 'z' }, help: en.help }, broken);
    assert.ok(problems.includes('.common.correlationId: missing'), problems.join('\n'));
    assert.ok(problems.includes('.errors.thisSoftware: number instead of string'), problems.join('\n'));
    assert.ok(problems.includes('.help.tryIt: takes 0 argument(s) instead of 1'), problems.join('\n'));
    assert.ok(problems.includes('.help.extra: not in the English catalogue'), problems.join('\n'));
  });

  it('has a catalogue for every language, with no empty text (except where English needs none)', () => {
    for (const locale of LOCALES) {
      for (const leaf of leaves(catalogue(locale))) {
        if (leaf.path.endsWith('.adminHint')) continue;
        assert.notEqual(leaf.value.trim(), '', `${locale}${leaf.path}`);
        assert.doesNotMatch(leaf.value, /undefined|NaN|\[object/, `${locale}${leaf.path}`);
      }
    }
  });

  it('translates every French text: none is left equal to the English one', () => {
    const english = new Map(leaves(en).map((leaf) => [leaf.path, leaf.value]));
    for (const leaf of leaves(fr)) {
      // A bare command (`/missingkbs watching`) is typed the same in every language.
      if (leaf.value === '' || /^\/missingkbs( [a-z]+)*$/.test(leaf.value)) continue;
      assert.notEqual(leaf.value, english.get(leaf.path), `fr${leaf.path} is still English`);
    }
  });

  it('leaves no English sentence in French (names and identifiers aside)', () => {
    for (const leaf of leaves(fr)) {
      const words = ENGLISH_NAMES.reduce((text, name) => text.split(name).join(' '), leaf.value);
      assert.doesNotMatch(words, ENGLISH_WORDS, `fr${leaf.path}: ${leaf.value}`);
    }
  });

  it('follows French typography: no-break space before « : ; ! ? » and inside guillemets, curly apostrophes', () => {
    for (const leaf of leaves(fr)) {
      const where = `fr${leaf.path}: ${JSON.stringify(leaf.value)}`;
      assert.doesNotMatch(leaf.value, / [:;!?»]/, `${where}: ordinary space before punctuation`);
      assert.doesNotMatch(leaf.value, /\p{L}[;!?»]|\p{L}: /u, `${where}: no space before punctuation`);
      assert.doesNotMatch(leaf.value, /« |«\p{L}/u, `${where}: « needs a no-break space after it`);
      assert.doesNotMatch(leaf.value, /\p{L}'\p{L}/u, `${where}: straight apostrophe (use ’)`);
      assert.doesNotMatch(leaf.value, /"/, `${where}: straight quotes (use « »)`);
    }
  });
});
