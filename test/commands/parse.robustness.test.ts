// parseCommand (src/commands/parse.ts): odd, random, long and hostile input never throws and stays fast.
import assert from 'node:assert/strict';
import { parseCommand, type Command } from '../../src/commands/parse';
import { MAX_SOFTWARE_ID_LENGTH } from '../../src/commands/softwareId';
import { assertId } from '../support/commands';

const ID_SHAPE = /^[a-z0-9_.-]+-_-[a-z0-9_.-]+$/;

/** A small seeded PRNG (mulberry32) so the fuzz inputs are the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The invariants every parse result keeps, whatever the input. */
function assertWellFormed(command: Command, input: string): void {
  const label = `parse ${JSON.stringify(input.slice(0, 60))}`;
  switch (command.kind) {
    case 'missingkbs':
      assert.match(command.softwareId, ID_SHAPE, label);
      assert.ok(command.softwareId.length <= MAX_SOFTWARE_ID_LENGTH, label);
      assert.equal(command.softwareId, command.softwareId.toLowerCase(), label);
      assert.ok(!command.softwareId.includes('..'), label);
      break;
    case 'invalid-id':
      assert.equal(typeof command.reason, 'string', label);
      assert.ok(command.reason.length > 0, label);
      assert.ok(command.input.length <= 100, label);
      break;
    case 'find':
      assert.ok(command.query.length > 0 && command.query.length <= 100, label);
      assert.doesNotMatch(command.query, /[\p{C}/\\?%$]|-_-/u, label);
      break;
    case 'top':
      assert.ok(Number.isInteger(command.count) && command.count >= 1 && command.count <= 25, label);
      break;
    case 'help':
      if (command.unknown !== undefined) {
        assert.ok(command.unknown.length > 0 && command.unknown.length <= 100, label);
      }
      break;
    default:
      assert.fail(`${label}: unexpected kind ${JSON.stringify(command)}`);
  }
}

describe('parseCommand', () => {
  describe('robustness', () => {
    it('never throws for every ASCII character, alone, appended, prefixed and inside an id', () => {
      for (let code = 0; code < 128; code++) {
        const ch = String.fromCharCode(code);
        for (const text of [
          ch,
          ch.repeat(3),
          `/missingkbs microsoft-_-edge${ch}`,
          `/missingkbs ${ch}microsoft-_-edge`,
          `/missingkbs micro${ch}soft-_-edge`,
          `${ch}/missingkbs microsoft-_-edge`,
          `help${ch}`,
          `/missingkbs ${ch}`,
        ]) {
          assertWellFormed(parseCommand(text), text);
        }
      }
    });

    it('only accepts an ASCII character inside an id when it is a letter, digit, "_", "." or "-"', () => {
      for (let code = 0x21; code < 0x7f; code++) {
        const ch = String.fromCharCode(code);
        const command = parseCommand(`/missingkbs micro${ch}soft-_-edge`);
        const allowed = /[A-Za-z0-9_.-]/.test(ch);
        assert.equal(command.kind === 'missingkbs', allowed, `char ${JSON.stringify(ch)}: ${JSON.stringify(command)}`);
      }
    });

    it('never throws for seeded random Unicode text', () => {
      const random = prng(0xc0ffee);
      const prefixes = ['', '/missingkbs ', 'missingkbs microsoft-_-', 'help ', '/MissingKBs\u00a0'];
      for (let i = 0; i < 400; i++) {
        const length = Math.floor(random() * 40);
        let body = '';
        for (let j = 0; j < length; j++) {
          // Mostly BMP (lone surrogates included), sometimes astral, sometimes ASCII.
          const pick = random();
          const code =
            pick < 0.4
              ? Math.floor(random() * 0x80)
              : pick < 0.9
                ? Math.floor(random() * 0x10000)
                : 0x10000 + Math.floor(random() * 0x100000);
          body += code < 0x10000 ? String.fromCharCode(code) : String.fromCodePoint(code);
        }
        const text = prefixes[i % prefixes.length] + body;
        assertWellFormed(parseCommand(text), text);
      }
    });

    it('never throws for very long text, and stays fast', () => {
      const started = Date.now();
      for (const text of [
        'x'.repeat(100_000),
        `/missingkbs ${'a'.repeat(100_000)}`,
        `/missingkbs microsoft-_-${'e'.repeat(100_000)}`,
        `/missingkbs ${'a b '.repeat(25_000)}`,
        `${' \u00a0'.repeat(50_000)}help`,
        `/missingkbs ${'\u200b'.repeat(50_000)}microsoft-_-edge`,
        '&nbsp;'.repeat(20_000),
        `/missingkbs ${'('.repeat(50_000)}microsoft-_-edge`,
      ]) {
        assertWellFormed(parseCommand(text), text);
      }
      assert.ok(Date.now() - started < 1000, 'long inputs parse quickly');
    });

    it('parses 50,000 zero-width characters before an id to that id', () => {
      assertId(`/missingkbs ${'\u200b'.repeat(50_000)}microsoft-_-edge`, 'microsoft-_-edge');
    });

    it('never throws for strings that look like HTML, JSON or templates', () => {
      for (const text of [
        '<at>Missing KBs</at> /missingkbs microsoft-_-edge',
        '<p>/missingkbs microsoft-_-edge</p>',
        '{"text":"/missingkbs"}',
        '/missingkbs ${secret}',
        '/missingkbs [click](https://evil.example)',
        '/missingkbs \ud800',
        '/missingkbs 🙂-_-🙂',
      ]) {
        const command = parseCommand(text);
        assertWellFormed(command, text);
        assert.notEqual(command.kind, 'missingkbs', text);
      }
    });
  });
});

describe('parseCommand hardening', () => {
  it('parses pathological punctuation in linear time', () => {
    const started = Date.now();
    parseCommand('/missingkbs ' + '.'.repeat(40000) + 'a');
    parseCommand('/missingkbs a' + ' .'.repeat(40000) + 'a');
    assert.ok(Date.now() - started < 200, `took ${Date.now() - started} ms`);
  });

  it('treats help with trailing punctuation as help', () => {
    for (const text of ['help.', 'help!', 'Help?', '/help.']) assert.deepEqual(parseCommand(text), { kind: 'help' });
  });

  it('accepts ids wrapped in smart quotes or backticks', () => {
    for (const text of ['“microsoft-_-edge”', '‘microsoft-_-edge’', '`microsoft-_-edge`', '„microsoft-_-edge“']) {
      assert.deepEqual(parseCommand(`/missingkbs ${text}`), { kind: 'missingkbs', softwareId: 'microsoft-_-edge' });
    }
  });
});
