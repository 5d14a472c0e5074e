// Unit tests for src/commands/softwareId.ts: checkSoftwareId, MAX_SOFTWARE_ID_LENGTH and EXAMPLE_SOFTWARE_ID.
import assert from 'node:assert/strict';
import { invalidIdReason } from '../../src/cards/errorCard';
import { checkSoftwareId, EXAMPLE_SOFTWARE_ID, MAX_SOFTWARE_ID_LENGTH } from '../../src/commands/softwareId';
import { LOCALES, type Locale } from '../../src/i18n';

/** The reason checkSoftwareId gives for `raw`, as the catalogue words it, failing the test if it accepts it. */
function reasonFor(raw: string, locale: Locale = 'en'): string {
  const check = checkSoftwareId(raw);
  assert.equal(check.ok, false, `${JSON.stringify(raw)} should be refused`);
  return check.ok ? '' : invalidIdReason(check.reason, locale);
}

describe('checkSoftwareId', () => {
  it('accepts documented and real-world ids unchanged', () => {
    for (const id of [
      'microsoft-_-edge',
      'microsoft-_-internet_explorer',
      'microsoft-_-.net_framework',
      '7-zip-_-7-zip',
      'google-_-chrome',
      'python-_-python_3.11',
      'a-_-b',
      '0-_-0',
    ]) {
      assert.deepEqual(checkSoftwareId(id), { ok: true, id });
    }
  });

  it('lower-cases the id', () => {
    assert.deepEqual(checkSoftwareId('Microsoft-_-Edge'), { ok: true, id: 'microsoft-_-edge' });
    assert.deepEqual(checkSoftwareId('MICROSOFT-_-.NET_FRAMEWORK'), { ok: true, id: 'microsoft-_-.net_framework' });
  });

  it('accepts the example id it shows to users', () => {
    assert.equal(EXAMPLE_SOFTWARE_ID, 'microsoft-_-edge');
    assert.deepEqual(checkSoftwareId(EXAMPLE_SOFTWARE_ID), { ok: true, id: EXAMPLE_SOFTWARE_ID });
  });

  it(`accepts exactly ${MAX_SOFTWARE_ID_LENGTH} characters and refuses one more`, () => {
    assert.equal(MAX_SOFTWARE_ID_LENGTH, 200);
    const max = `vendor-_-${'p'.repeat(MAX_SOFTWARE_ID_LENGTH - 9)}`;
    assert.equal(max.length, MAX_SOFTWARE_ID_LENGTH);
    assert.deepEqual(checkSoftwareId(max), { ok: true, id: max });
    assert.match(reasonFor(`${max}p`), /longer than 200 characters/);
  });

  it('refuses an empty id', () => {
    assert.match(reasonFor(''), /no software id/);
  });

  it('refuses whitespace and control characters', () => {
    for (const raw of [
      'microsoft-_-internet explorer',
      ' microsoft-_-edge',
      'microsoft-_-edge\n',
      'microsoft-_-\tedge',
      'microsoft-_-\u00a0edge',
      'micro\u0000soft-_-edge',
      'micro\u001fsoft-_-edge',
      'micro\u007fsoft-_-edge',
      'micro\u200bsoft-_-edge',
      'micro\u202esoft-_-edge',
      'micro\ud800soft-_-edge',
    ]) {
      assert.match(reasonFor(raw), /spaces or control characters/, JSON.stringify(raw));
    }
  });

  it('refuses ".." anywhere', () => {
    for (const raw of ['..', '../machines', 'microsoft-_-..', 'microsoft..-_-edge', 'microsoft-_-edge..x']) {
      assert.match(reasonFor(raw), /contains "\.\."/, raw);
    }
  });

  it('refuses characters outside letters, digits, "_", "." and "-"', () => {
    for (const ch of [
      '/',
      '\\',
      '?',
      '#',
      '%',
      '&',
      '=',
      '+',
      ':',
      ';',
      '"',
      "'",
      '<',
      '>',
      '$',
      '{',
      '}',
      'é',
      'ß',
      '🙂',
    ]) {
      assert.match(reasonFor(`microsoft-_-ed${ch}ge`), /only letters, digits/, ch);
    }
  });

  it('refuses ids not of the form vendor-_-product', () => {
    for (const raw of ['edge', 'microsoft_edge', 'microsoft-edge', '-_-', '-_-edge', 'microsoft-_-', '_-_']) {
      assert.match(reasonFor(raw), /vendor-_-product/, raw);
    }
  });

  it('checks the length before anything else, so huge input is cheap to refuse', () => {
    assert.match(reasonFor(`${'/'.repeat(100_000)}`), /longer than/);
    assert.match(reasonFor(`a b ${'x'.repeat(300)}`), /longer than/);
  });

  it('gives reasons that read well after "cannot be a Defender software id:", in every language', () => {
    for (const locale of LOCALES) {
      for (const raw of ['', 'a b', '..', 'a/b', 'edge', 'x'.repeat(201)]) {
        const reason = reasonFor(raw, locale);
        assert.match(reason, /^[a-z]/, `${locale}: starts lower case`);
        assert.doesNotMatch(reason, /\.$/, `${locale}: no final full stop (the card adds one)`);
      }
    }
    assert.equal(reasonFor('x'.repeat(201), 'fr'), 'il dépasse 200\u00a0caractères');
    assert.deepEqual(checkSoftwareId('../x'), { ok: false, reason: 'dot-dot' }, 'a code, worded by the catalogue');
  });
});
