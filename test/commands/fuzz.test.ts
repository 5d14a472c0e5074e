// Property-based fuzzing (fast-check, seeded) of parseCommand and checkSoftwareId.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseCommand } from '../../src/commands/parse';
import { checkSoftwareId } from '../../src/commands/softwareId';
import { FUZZ as SEEDED, idLike, messageText, validId } from '../support/fuzz';
import { isValidSoftwareId } from '../support/upstreamShapes';

/** A few hundred seeded cases: the generators reach every branch well before that (the first test checks it). */
const FUZZ = { ...SEEDED, numRuns: 400 };

describe('fuzz: command parser and software id validation (fast-check, 400 cases each)', () => {
  it('parseCommand never throws, and every id it accepts has the documented shape', () => {
    let accepted = 0;
    fc.assert(
      fc.property(messageText, (text) => {
        const command = parseCommand(text);
        if (command.kind !== 'missingkbs') return true;
        accepted++;
        return isValidSoftwareId(command.softwareId);
      }),
      FUZZ,
    );
    // The generators must reach the interesting branch, or the property proves little.
    assert.ok(accepted > FUZZ.numRuns / 10, `only ${accepted} inputs parsed as /missingkbs`);
  });

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
