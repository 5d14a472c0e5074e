// checkSoftwareId (src/commands/softwareId.ts): the ids it accepts, and why it refuses others, in every language.
import assert from 'node:assert/strict';
import { invalidIdReason } from '../../src/cards/errorCard';
import { checkSoftwareId, MAX_SOFTWARE_ID_LENGTH } from '../../src/commands/softwareId';
import { LOCALES, type Locale } from '../../src/i18n';

/** The reason checkSoftwareId gives for `raw`, as the catalogue words it, failing the test if it accepts it. */
function reasonFor(raw: string, locale: Locale = 'en'): string {
  const check = checkSoftwareId(raw);
  assert.equal(check.ok, false, `${JSON.stringify(raw)} should be refused`);
  return check.ok ? '' : invalidIdReason(check.reason, locale);
}

const MAX = `vendor-_-${'p'.repeat(MAX_SOFTWARE_ID_LENGTH - 9)}`;

// What it accepts, in lower case: every id of the documented grammar (commands/fuzz.test.ts), real-world ids
// and the longest allowed through parseCommand (parse.test.ts).
describe('checkSoftwareId', () => {
  const refused: [RegExp, string[]][] = [
    [/no software id/, ['']],
    [/longer than 200 characters/, [`${MAX}p`, '/'.repeat(100_000), `a b ${'x'.repeat(300)}`]],
    [/spaces or control characters/, [' a-_-b', 'a-_-b\n', 'a-_-\tb', 'a-_-\u00a0b', 'microsoft-_-internet explorer']],
    [/spaces or control characters/, [...'\u0000\u001f\u007f\u200b\u202e\ud800'].map((ch) => `micro${ch}soft-_-edge`)],
    [/contains "\.\."/, ['..', '../machines', 'microsoft-_-..', 'microsoft..-_-edge', 'microsoft-_-edge..x']],
    [/only letters, digits/, [...'/\\?#%&=+:;"\'<>${}éß', '🙂'].map((ch) => `microsoft-_-ed${ch}ge`)],
    [/vendor-_-product/, ['edge', 'microsoft_edge', 'microsoft-edge', '-_-', '-_-edge', 'microsoft-_-', '_-_']],
  ];
  for (const [reason, raws] of refused) {
    it(`refuses with ${String(reason)}: ${raws.length} case(s), the length checked first`, () => {
      for (const raw of raws) assert.match(reasonFor(raw), reason, JSON.stringify(raw.slice(0, 40)));
    });
  }

  it('gives reason codes that every catalogue words to read after "cannot be a Defender software id:"', () => {
    for (const locale of LOCALES) {
      for (const raw of ['', 'a b', '..', 'a/b', 'edge', 'x'.repeat(201)]) {
        const reason = reasonFor(raw, locale);
        assert.match(reason, /^[a-z]/, `${locale}: starts lower case`);
        assert.doesNotMatch(reason, /\.$/, `${locale}: no final full stop (the card adds one)`);
      }
    }
    assert.equal(reasonFor('x'.repeat(201), 'fr'), 'il dépasse 200\u00a0caractères');
    assert.deepEqual(checkSoftwareId('../x'), { ok: false, reason: 'dot-dot' });
  });
});
