// Unit tests for src/commands/parse.ts: normaliseText and parseCommand (commands, help, invalid ids, odd input).
import assert from 'node:assert/strict';
import { normaliseText, parseCommand, type Command } from '../../src/commands/parse';
import { MAX_SOFTWARE_ID_LENGTH } from '../../src/commands/softwareId';

const ID_SHAPE = /^[a-z0-9_.-]+-_-[a-z0-9_.-]+$/;

/** Asserts that text parses to a missingkbs command for `id`. */
function assertId(text: string, id: string): void {
  assert.deepEqual(parseCommand(text), { kind: 'missingkbs', softwareId: id }, `parse ${JSON.stringify(text)}`);
}

/** Asserts that text parses to an invalid-id command whose reason matches `reason`; returns it. */
function assertInvalid(text: string, reason: RegExp): Extract<Command, { kind: 'invalid-id' }> {
  const command = parseCommand(text);
  assert.equal(command.kind, 'invalid-id', `parse ${JSON.stringify(text)} gave ${JSON.stringify(command)}`);
  assert.match(command.reason, reason);
  return command;
}

/** Asserts that text parses to plain help (no `unknown`). */
function assertHelp(text: string | undefined): void {
  assert.deepEqual(parseCommand(text), { kind: 'help' }, `parse ${JSON.stringify(text)}`);
}

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
    case 'help':
      if (command.unknown !== undefined) {
        assert.ok(command.unknown.length > 0 && command.unknown.length <= 100, label);
      }
      break;
    default:
      assert.fail(`${label}: unexpected kind ${JSON.stringify(command)}`);
  }
}

describe('normaliseText', () => {
  it('turns non-breaking and other Unicode spaces into plain spaces', () => {
    assert.equal(normaliseText('a\u00a0b\u2002c\u202fd\u3000e\u205ff\u1680g'), 'a b c d e f g');
  });

  it('turns &nbsp; and &#160; (any case) into spaces', () => {
    assert.equal(normaliseText('a&nbsp;b&NBSP;c&#160;d'), 'a b c d');
  });

  it('removes zero-width characters and the BOM', () => {
    assert.equal(normaliseText('\ufeffa\u200bb\u200cc\u200dd\u2060e'), 'abcde');
  });

  it('folds runs of whitespace and trims', () => {
    assert.equal(normaliseText(' \t a \n\r\n  b\u00a0\u00a0 '), 'a b');
  });

  it('gives an empty string for whitespace only', () => {
    assert.equal(normaliseText(' \u00a0&nbsp;\u200b\t\n'), '');
  });
});

describe('parseCommand', () => {
  describe('the missingkbs command', () => {
    it('accepts /missingkbs <id> and missingkbs <id>', () => {
      assertId('/missingkbs microsoft-_-edge', 'microsoft-_-edge');
      assertId('missingkbs microsoft-_-edge', 'microsoft-_-edge');
    });

    it('accepts any letter case and lower-cases the id', () => {
      assertId('/MissingKBs Microsoft-_-Edge', 'microsoft-_-edge');
      assertId('/MISSINGKBS MICROSOFT-_-EDGE', 'microsoft-_-edge');
      assertId('mIsSiNgKbS mIcRoSoFt-_-InTeRnEt_ExPlOrEr', 'microsoft-_-internet_explorer');
    });

    it('accepts the missing-kbs and missingkb spellings', () => {
      assertId('/missing-kbs microsoft-_-edge', 'microsoft-_-edge');
      assertId('missingkb microsoft-_-edge', 'microsoft-_-edge');
    });

    it('tolerates extra spaces, tabs and new lines around and between the words', () => {
      assertId('   /missingkbs     microsoft-_-edge   ', 'microsoft-_-edge');
      assertId('\t/missingkbs\t\tmicrosoft-_-edge\n', 'microsoft-_-edge');
      assertId('/missingkbs\r\nmicrosoft-_-edge', 'microsoft-_-edge');
    });

    it('tolerates non-breaking spaces, &nbsp; and &#160; that Teams sends', () => {
      assertId('/missingkbs\u00a0microsoft-_-edge', 'microsoft-_-edge');
      assertId('\u00a0/missingkbs\u00a0\u00a0microsoft-_-edge\u00a0', 'microsoft-_-edge');
      assertId('/missingkbs&nbsp;microsoft-_-edge', 'microsoft-_-edge');
      assertId('/missingkbs&nbsp;&nbsp;microsoft-_-edge&nbsp;', 'microsoft-_-edge');
      assertId('/missingkbs&#160;microsoft-_-edge', 'microsoft-_-edge');
      assertId('/missingkbs\u202fmicrosoft-_-edge', 'microsoft-_-edge');
    });

    it('ignores zero-width characters, inside the id too', () => {
      assertId('\u200b/missingkbs microsoft-_-edge', 'microsoft-_-edge');
      assertId('\ufeff/missingkbs microsoft-_-edge\u200d', 'microsoft-_-edge');
      assertId('/missingkbs micro\u200bsoft-_-ed\u2060ge', 'microsoft-_-edge');
      assertId('/missing\u200ckbs microsoft-_-edge', 'microsoft-_-edge');
    });

    it('drops trailing punctuation that Teams or the user adds', () => {
      for (const tail of ['.', '!', '?', ',', ';', ':', '...', '!?', '.!', ' .', '. ', ')', ']', '}', '»']) {
        assertId(`/missingkbs microsoft-_-edge${tail}`, 'microsoft-_-edge');
      }
    });

    it('drops straight quotes and brackets around the id', () => {
      assertId('/missingkbs "microsoft-_-edge"', 'microsoft-_-edge');
      assertId("/missingkbs 'microsoft-_-edge'", 'microsoft-_-edge');
      assertId('/missingkbs "microsoft-_-edge".', 'microsoft-_-edge');
      assertId('/missingkbs (microsoft-_-edge)', 'microsoft-_-edge');
      assertId('/missingkbs [microsoft-_-edge]', 'microsoft-_-edge');
      assertId('/missingkbs {microsoft-_-edge}', 'microsoft-_-edge');
      assertId('/missingkbs «microsoft-_-edge»', 'microsoft-_-edge');
    });

    it('combines all of the above', () => {
      assertId('\u200b  /MissingKBs&nbsp;\u00a0 "Microsoft-_-Edge"!\u00a0', 'microsoft-_-edge');
    });

    it('accepts real-world ids with dots, underscores, digits and dashes', () => {
      for (const id of [
        'microsoft-_-edge',
        'microsoft-_-.net_framework',
        'microsoft-_-internet_explorer',
        '7-zip-_-7-zip',
        'google-_-chrome',
        'oracle-_-jre',
        'microsoft-_-windows_10',
        'mozilla-_-firefox_esr',
        'python-_-python_3.11',
        'a-_-b',
      ]) {
        assertId(`/missingkbs ${id}`, id);
      }
    });

    it('keeps a dot inside the id while dropping a trailing one', () => {
      assertId('/missingkbs python-_-python_3.11.', 'python-_-python_3.11');
      assertId('/missingkbs microsoft-_-.net_framework.', 'microsoft-_-.net_framework');
    });

    it(`accepts an id of exactly ${MAX_SOFTWARE_ID_LENGTH} characters`, () => {
      const id = `a-_-${'b'.repeat(MAX_SOFTWARE_ID_LENGTH - 4)}`;
      assert.equal(id.length, MAX_SOFTWARE_ID_LENGTH);
      assertId(`/missingkbs ${id}`, id);
      assertId(`/missingkbs ${id.toUpperCase()}`, id);
    });
  });

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

    it('refuses ids without the -_- separator', () => {
      for (const id of ['edge', 'microsoft_edge', 'microsoft-edge', 'microsoft--edge', 'microsoft_-_edge', '-_-']) {
        assertInvalid(`/missingkbs ${id}`, /vendor-_-product/);
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
