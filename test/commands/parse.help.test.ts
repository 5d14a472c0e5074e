// parseCommand (src/commands/parse.ts): help, empty and unknown text.
import assert from 'node:assert/strict';
import { parseCommand } from '../../src/commands/parse';

/** Asserts that text parses to plain help (no `unknown`). */
function assertHelp(text: string | undefined): void {
  assert.deepEqual(parseCommand(text), { kind: 'help' }, `parse ${JSON.stringify(text)}`);
}

describe('parseCommand', () => {
  describe('help', () => {
    it('answers help, /help, Help, aide and ? with plain help', () => {
      for (const text of [
        'help',
        '/help',
        'HELP',
        '/Help',
        '  help  ',
        '\u00a0help&nbsp;',
        'aide',
        '/aide',
        '?',
        '/?',
      ]) {
        assertHelp(text);
      }
    });

    it('answers empty, undefined and whitespace-only text with plain help', () => {
      for (const text of [undefined, '', ' ', '\t\n', '\u00a0\u00a0', '&nbsp;', '\u200b', ' \u200b \ufeff ']) {
        assertHelp(text);
      }
    });

    it('answers /missingkbs alone, or with only punctuation, with plain help', () => {
      for (const text of [
        '/missingkbs',
        'missingkbs',
        '/MissingKBs   ',
        '/missingkbs.',
        '/missingkbs ?',
        '/missingkbs ""',
      ]) {
        assertHelp(text);
      }
    });

    it('answers /missingkbs help with plain help', () => {
      for (const text of [
        '/missingkbs help',
        'missingkbs HELP',
        '/missingkbs help.',
        '/missingkbs "help"',
        '/missingkbs ?',
      ]) {
        assertHelp(text);
      }
    });

    it('answers unknown text with help and echoes it as `unknown`', () => {
      assert.deepEqual(parseCommand('what can you do?'), { kind: 'help', unknown: 'what can you do?' });
      assert.deepEqual(parseCommand('hello'), { kind: 'help', unknown: 'hello' });
      assert.deepEqual(parseCommand('/missing'), { kind: 'help', unknown: '/missing' });
      assert.deepEqual(parseCommand('missingkbsfoo microsoft-_-edge'), {
        kind: 'help',
        unknown: 'missingkbsfoo microsoft-_-edge',
      });
      assert.deepEqual(parseCommand('microsoft-_-edge'), { kind: 'help', unknown: 'microsoft-_-edge' });
    });

    it('normalises the echoed unknown text', () => {
      assert.deepEqual(parseCommand('  hello\u00a0&nbsp;\u200bworld\n'), { kind: 'help', unknown: 'hello world' });
    });

    it('truncates the echoed unknown text to 100 characters', () => {
      const command = parseCommand('x'.repeat(500));
      assert.deepEqual(command, { kind: 'help', unknown: 'x'.repeat(100) });
      const exact = parseCommand('y'.repeat(100));
      assert.deepEqual(exact, { kind: 'help', unknown: 'y'.repeat(100) });
    });
  });
});
