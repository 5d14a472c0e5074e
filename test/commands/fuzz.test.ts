// Property-based fuzzing (fast-check, seeded) of checkSoftwareId. parseCommand on random message text (never
// throws, accepts only ids of the documented shape) is fuzzed through the handler by test/defender/upstream.fuzz.test.ts.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkSoftwareId } from '../../src/commands/softwareId';
import { FUZZ as SEEDED, idLike, validId } from '../support/fuzz';
import { isValidSoftwareId } from '../support/upstreamShapes';

/** A few hundred seeded cases: the generators reach every branch well before that. */
const FUZZ = { ...SEEDED, numRuns: 400 };

describe('fuzz: software id validation (fast-check, 400 cases each)', () => {
  it('checkSoftwareId never throws; an accepted id is the input in lower case, of the documented shape', () => {
    fc.assert(
      fc.property(fc.oneof(idLike, fc.string({ unit: 'binary', maxLength: 250 })), (raw) => {
        const check = checkSoftwareId(raw);
        if (!check.ok) return check.reason.length > 0;
        return check.id === raw.toLowerCase() && isValidSoftwareId(check.id);
      }),
      FUZZ,
    );
  });

  it('checkSoftwareId accepts every id of the documented grammar, and is idempotent', () => {
    fc.assert(
      fc.property(validId, (raw) => {
        const check = checkSoftwareId(raw);
        assert.ok(check.ok, `${JSON.stringify(raw)} refused: ${check.ok ? '' : check.reason}`);
        assert.deepEqual(checkSoftwareId(check.id), check);
      }),
      FUZZ,
    );
  });
});
