// parseCommand (src/commands/parse.ts): ids refused, with the reason and the echoed input.
import assert from 'node:assert/strict';
import { parseCommand, type Command } from '../../src/commands/parse';
import { MAX_SOFTWARE_ID_LENGTH } from '../../src/commands/softwareId';
import { invalidIdReason } from '../../src/cards/errorCard';

/** Asserts that text parses to an invalid-id command whose reason matches `reason`; returns it. */
function assertInvalid(text: string, reason: RegExp): Extract<Command, { kind: 'invalid-id' }> {
  const command = parseCommand(text);
  assert.equal(command.kind, 'invalid-id', `parse ${JSON.stringify(text)} gave ${JSON.stringify(command)}`);
  assert.match(invalidIdReason(command.reason), reason);
  return command;
}

describe('parseCommand', () => {
  describe('invalid ids', () => {
    it('refuses path traversal and slashes', () => {
      assertInvalid('/missingkbs ../machines', /"\.\."/);
      assertInvalid('/missingkbs microsoft-_-edge/../../machines', /"\.\."/);
      assertInvalid('/missingkbs microsoft-_-..x', /"\.\."/);
      assertInvalid('/missingkbs microsoft..-_-edge', /"\.\."/);
      assertInvalid('/missingkbs microsoft/edge', /letters, digits/);
      assertInvalid('/missingkbs microsoft-_-edge/getmissingkbs', /letters, digits/);
    });

    it('refuses ?, #, %, \\ and other URL-significant characters inside the id', () => {
      for (const ch of ['?', '#', '%', '\\', '&', '=', '+', '@', '<', '>', '*', '$', '`', '|', '~', '^', ',']) {
        assertInvalid(`/missingkbs microsoft-_-ed${ch}ge`, /letters, digits/);
      }
      assertInvalid('/missingkbs microsoft-_-edge%2F..%2Fmachines', /letters, digits|"\.\."/);
      assertInvalid('/missingkbs microsoft-_-edge?$top=1', /letters, digits/);
    });

    it('refuses inner whitespace', () => {
      const command = assertInvalid('/missingkbs microsoft-_-internet explorer', /spaces/);
      assert.equal(command.input, 'microsoft-_-internet explorer');
      assertInvalid('/missingkbs microsoft-_-internet\u00a0explorer', /spaces/);
      assertInvalid('/missingkbs microsoft-_-internet\texplorer', /spaces/);
      assertInvalid('/missingkbs microsoft -_- edge', /spaces/);
    });

    it('refuses control and format characters', () => {
      for (const ch of ['\u0000', '\u0001', '\u0007', '\u001b', '\u007f', '\u0085', '\u009f', '\u00ad', '\u202e']) {
        assertInvalid(`/missingkbs micro${ch}soft-_-edge`, /control characters/);
      }
    });

    it(`refuses ids longer than ${MAX_SOFTWARE_ID_LENGTH} characters, and cuts the echoed input to 100`, () => {
      const id = `a-_-${'b'.repeat(MAX_SOFTWARE_ID_LENGTH - 3)}`;
      assert.equal(id.length, MAX_SOFTWARE_ID_LENGTH + 1);
      const command = assertInvalid(`/missingkbs ${id}`, new RegExp(String(MAX_SOFTWARE_ID_LENGTH)));
      assert.equal(command.input, id.slice(0, 100));
      assertInvalid(`/missingkbs ${'c'.repeat(5000)}`, /longer than/);
    });

    it('refuses ids with a bare -_- separator; without one, the text is a name to look up', () => {
      assertInvalid('/missingkbs -_-', /vendor-_-product/);
      for (const name of ['edge', 'microsoft_edge', 'microsoft-edge', 'microsoft--edge', 'microsoft_-_edge']) {
        assert.deepEqual(parseCommand(`/missingkbs ${name}`), { kind: 'find', query: name });
      }
    });

    it('refuses an empty vendor or an empty product', () => {
      assertInvalid('/missingkbs -_-edge', /vendor-_-product/);
      assertInvalid('/missingkbs microsoft-_-', /vendor-_-product/);
      assertInvalid('/missingkbs microsoft-_-.', /vendor-_-product/);
    });

    it('refuses non-ASCII letters', () => {
      assertInvalid('/missingkbs microsöft-_-edge', /letters, digits/);
      assertInvalid('/missingkbs микрософт-_-edge', /letters, digits/);
    });

    it('echoes the id as typed (case kept, punctuation around it removed)', () => {
      const command = assertInvalid('/missingkbs "Microsoft/Edge".', /letters, digits/);
      assert.equal(command.input, 'Microsoft/Edge');
    });
  });
});
