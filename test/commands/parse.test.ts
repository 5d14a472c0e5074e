// parseCommand and its parts (src/commands/parse.ts, keywords.ts, browseArgs.ts, helpWords.ts), as tables of text → command.
import assert from 'node:assert/strict';
import { HELP_WORDS } from '../../src/commands/helpWords';
import { idCommand, KEYWORDS } from '../../src/commands/keywords';
import { commandParser, parseCommand, type Command } from '../../src/commands/parse';
import { MAX_SOFTWARE_ID_LENGTH } from '../../src/commands/softwareId';
import { catalogue, LOCALES } from '../../src/i18n';

const HELP: Command = { kind: 'help' };
const EDGE: Command = { kind: 'missingkbs', softwareId: 'microsoft-_-edge' };
const id = (softwareId: string): Command => ({ kind: 'missingkbs', softwareId });
const find = (query: string): Command => ({ kind: 'find', query });
const unknown = (text: string): Command => ({ kind: 'help', unknown: text });
const MAX_ID = `a-_-${'b'.repeat(MAX_SOFTWARE_ID_LENGTH - 4)}`;

/** Asserts that each text parses to its command. */
function expect(cases: readonly (readonly [string | undefined, Command])[]): void {
  for (const [text, command] of cases) assert.deepEqual(parseCommand(text), command, JSON.stringify(text));
}

/** Asserts that each text parses to invalid-id with the reason given (and the echoed input when given). */
function expectInvalid(cases: readonly (readonly [string, string, string?])[]): void {
  for (const [text, reason, input] of cases) {
    const command = parseCommand(text);
    assert.ok(command.kind === 'invalid-id', `${JSON.stringify(text)} gave ${JSON.stringify(command)}`);
    assert.equal(command.reason, reason, text);
    if (input !== undefined) assert.equal(command.input, input, text);
  }
}

describe('parseCommand', () => {
  it('answers help words (every catalogue, any case, with "/" or /missingkbs), "?" and empty text with plain help', () => {
    const plain = ['help', '/Help', '  HELP  ', '\u00a0help&nbsp;', 'help!', 'Help?', '/help.'];
    plain.push('commands', 'aide', 'Aide', '/aide', 'aidez-moi', 'Commandes', '/commandes', '?', '/?');
    const withCommand = plain.filter((t) => t !== '/?').map((text) => `/missingkbs ${text}`);
    const empty = ['', ' ', '\t\n', '\u00a0\u00a0', '&nbsp;', '\u200b', ' \u200b \ufeff '];
    const bareCommand = ['/missingkbs', 'missingkbs', '/MissingKBs   ', '/missingkbs.', '/missingkbs ""'];
    const extra = ['missingkbs HELP', '/missingkbs "help"', '/missingkbs watch', 'unwatch', 'watch'];
    expect([undefined, ...plain, ...withCommand, ...empty, ...bareCommand, ...extra].map((t) => [t, HELP] as const));
  });

  it('takes its help words from the catalogues, so a help word the card shows is understood', () => {
    for (const locale of LOCALES) {
      const { help } = catalogue(locale);
      for (const word of help.words) assert.ok(HELP_WORDS.includes(word.toLowerCase()), `${locale}: ${word}`);
      assert.deepEqual(parseCommand(help.commands.help.title), HELP, `${locale}: the card's help command`);
    }
  });

  it('answers other text with help echoing it, normalised and cut to 100 characters', () => {
    const same = ['what can you do?', 'hello', 'bonjour', 'aide-moi vite', 'aidezxmoi', '/missing', 'microsoft-_-edge'];
    // Punctuation in help words is matched literally (aidezxmoi); a prefix of the command is not the command.
    same.push('missingkbsfoo microsoft-_-edge', 'watchguard-_-firebox', 'y'.repeat(100));
    expect(same.map((t) => [t, unknown(t)] as const));
    expect([
      ['  hello\u00a0&nbsp;\u200bworld\n', unknown('hello world')],
      ['x'.repeat(500), unknown('x'.repeat(100))],
    ]);
  });

  it('reads /missingkbs <id> in any spelling, case, spacing and wrapping Teams or the user adds', () => {
    const texts = ['/missingkbs microsoft-_-edge', 'missingkbs microsoft-_-edge', '/MissingKBs Microsoft-_-Edge'];
    texts.push('/MISSINGKBS MICROSOFT-_-EDGE', '/missing-kbs microsoft-_-edge', 'missingkb microsoft-_-edge');
    texts.push('   /missingkbs     microsoft-_-edge   ', '\t/missingkbs\t\tmicrosoft-_-edge\n');
    texts.push(
      '/missingkbs\r\nmicrosoft-_-edge',
      '/missingkbs\u00a0microsoft-_-edge',
      '/missingkbs\u202fmicrosoft-_-edge',
    );
    texts.push('\u00a0/missingkbs\u00a0\u00a0microsoft-_-edge\u00a0', '/missingkbs&nbsp;microsoft-_-edge');
    texts.push('/missingkbs&nbsp;&nbsp;microsoft-_-edge&nbsp;', '/missingkbs&#160;microsoft-_-edge');
    texts.push('\u1680/MissingKBs&NBSP;microsoft-_-edge\u3000', '/missingkbs\u2002\u205fmicrosoft-_-edge');
    texts.push('\u200b/missingkbs microsoft-_-edge', '\ufeff/missingkbs microsoft-_-edge\u200d');
    texts.push('/missingkbs micro\u200bsoft-_-ed\u2060ge', '/missing\u200ckbs microsoft-_-edge');
    texts.push(`/missingkbs ${'\u200b'.repeat(50_000)}microsoft-_-edge`);
    for (const tail of ['.', '!', '?', ',', ';', ':', '...', '!?', '.!', ' .', '. ', ')', ']', '}', '»']) {
      texts.push(`/missingkbs microsoft-_-edge${tail}`);
    }
    for (const wrapped of ['"x"', "'x'", '"x".', '(x)', '[x]', '{x}', '«x»', '“x”', '‘x’', '`x`', '„x“']) {
      texts.push(`/missingkbs ${wrapped.replace('x', 'microsoft-_-edge')}`);
    }
    texts.push('\u200b  /MissingKBs&nbsp;\u00a0 "Microsoft-_-Edge"!\u00a0');
    expect(texts.map((t) => [t, EDGE] as const));
    expect([
      ['mIsSiNgKbS mIcRoSoFt-_-InTeRnEt_ExPlOrEr', id('microsoft-_-internet_explorer')],
      ['/missingkbs python-_-python_3.11.', id('python-_-python_3.11')],
      ['/missingkbs microsoft-_-.net_framework.', id('microsoft-_-.net_framework')],
      [`/missingkbs ${MAX_ID}`, id(MAX_ID)],
      [`/missingkbs ${MAX_ID.toUpperCase()}`, id(MAX_ID)],
      ['/missingkbs watchguard-_-firebox', id('watchguard-_-firebox')],
      ['/missingkbs watching-_-tool', id('watching-_-tool')],
    ]);
  });

  it('refuses what is not an id, saying why and echoing it as typed (cut to 100 characters)', () => {
    const tooLong = `a-_-${'b'.repeat(MAX_SOFTWARE_ID_LENGTH - 3)}`;
    expectInvalid([
      ['/missingkbs ../machines', 'dot-dot', '../machines'],
      ['/missingkbs "Microsoft/Edge".', 'characters', 'Microsoft/Edge'],
      ['/missingkbs microsoft-_-internet explorer', 'control', 'microsoft-_-internet explorer'],
      [`/missingkbs ${tooLong}`, 'too-long', tooLong.slice(0, 100)],
      ['/missingkbs watch ../machines', 'dot-dot', '../machines'],
    ]);
    const byReason: Record<string, string[]> = {
      'dot-dot': ['microsoft-_-edge/../../machines', 'microsoft-_-..x', 'microsoft..-_-edge'],
      characters: ['microsoft/edge', 'microsoft-_-edge/getmissingkbs', 'microsoft-_-edge?$top=1', 'microsöft-_-edge'],
      control: ['microsoft-_-internet\u00a0explorer', 'microsoft-_-internet\texplorer', 'microsoft -_- edge'],
      'too-long': ['c'.repeat(5000)],
      shape: ['-_-', '-_-edge', 'microsoft-_-', 'microsoft-_-.', 'a'.repeat(101)],
    };
    byReason['dot-dot'].push('microsoft-_-edge%2F..%2Fmachines');
    byReason.control.push('microsoft-_-edge page x', 'microsoft-_-windows_10 page 0');
    byReason.characters.push('микрософт-_-edge', '%27', 'edge&$top=1');
    for (const [reason, ids] of Object.entries(byReason)) expectInvalid(ids.map((i) => [`/missingkbs ${i}`, reason]));
    expectInvalid([
      ['unwatch edge', 'shape'],
      ['watch microsoft-_-edge extra', 'control'],
    ]);
  });

  it('reads names (plain, quoted), top [n] and "<id> page <n>" (the Next and Previous buttons’ fallback)', () => {
    expect([
      ['/missingkbs edge', find('edge')],
      ['/missingkbs "Microsoft Edge"', find('Microsoft Edge')],
      ['/missingkbs “Microsoft Edge”', find('Microsoft Edge')],
      ["missingkbs 'Microsoft Edge'", find('Microsoft Edge')],
      ['/missingkbs Notepad++', find('Notepad++')],
      ['/missingkbs Lecteur Média', find('Lecteur Média')],
      ...['microsoft_edge', 'microsoft-edge', 'microsoft--edge', 'microsoft_-_edge'].map(
        (n) => [`/missingkbs ${n}`, find(n)] as const,
      ),
      ['/missingkbs top', { kind: 'top', count: 10 }],
      ['/missingkbs TOP 5', { kind: 'top', count: 5 }],
      ['/missingkbs top 500', { kind: 'top', count: 25 }],
      ['/missingkbs top 0', { kind: 'top', count: 1 }],
      [
        '/missingkbs microsoft-_-windows_10 page 2',
        { kind: 'missingkbs', softwareId: 'microsoft-_-windows_10', page: 2 },
      ],
    ]);
  });

  it('reads watch, unwatch and watching, after /missingkbs or alone (as the command menu inserts them)', () => {
    const watch = (kind: 'watch' | 'unwatch', softwareId: string): Command => ({ kind, softwareId });
    expect([
      ['/missingkbs watch microsoft-_-edge', watch('watch', 'microsoft-_-edge')],
      ['missingkbs watch Microsoft-_-Edge.', watch('watch', 'microsoft-_-edge')],
      ['watch microsoft-_-edge', watch('watch', 'microsoft-_-edge')],
      ['/watch  "microsoft-_-edge"', watch('watch', 'microsoft-_-edge')],
      ['WATCH\u00a0microsoft-_-edge&nbsp;', watch('watch', 'microsoft-_-edge')],
      ['/missingkbs unwatch microsoft-_-edge', watch('unwatch', 'microsoft-_-edge')],
      ['unwatch google-_-chrome!', watch('unwatch', 'google-_-chrome')],
      ['/MissingKBs UnWatch google-_-chrome', watch('unwatch', 'google-_-chrome')],
      ...['watching', '/watching', '/missingkbs watching', 'missingkbs Watching?', ' Watching. '].map(
        (text) => [text, { kind: 'watching' }] as const,
      ),
    ]);
  });

  it('never takes a keyword for a name: a keyword with what it does not take gets help; quoted, it is a name', () => {
    expect([
      ['/missingkbs top five', unknown('/missingkbs top five')],
      ['/missingkbs watching all', unknown('/missingkbs watching all')],
      ['/missingkbs help me', unknown('/missingkbs help me')],
      ['/missingkbs "Top Gun"', find('Top Gun')],
    ]);
  });

  it('reads a keyword added to the table as that keyword, where without it the text was a name', () => {
    const text = '/missingkbs cve CVE-2024-21412';
    assert.deepEqual(parseCommand(text), find('cve CVE-2024-21412'), 'no cve keyword yet: a name');
    const cve = (argument: string): { kind: 'cve'; id: string } | undefined =>
      /^CVE-\d{4}-\d+$/i.test(argument) ? { kind: 'cve', id: argument.toUpperCase() } : undefined;
    const parse = commandParser({ ...KEYWORDS, cve: { words: ['cve'], bare: false, readsDefender: true, read: cve } });
    assert.deepEqual(parse(text), { kind: 'cve', id: 'CVE-2024-21412' });
    assert.deepEqual(parse('/missingkbs CVE cve-2024-1'), { kind: 'cve', id: 'CVE-2024-1' });
    assert.deepEqual(parse('/missingkbs cve edge'), unknown('/missingkbs cve edge'), 'never the name "cve edge"');
    assert.deepEqual(parse('cve CVE-2024-21412'), unknown('cve CVE-2024-21412'), 'not bare: only after /missingkbs');
    for (const other of ['/missingkbs top 3', '/missingkbs edge', 'watch microsoft-_-edge', 'aide']) {
      assert.deepEqual(parse(other), parseCommand(other), other);
    }
    assert.deepEqual(idCommand('cve', ''), HELP);
  });

  it('reads nothing from hostile text, and parses very long or pathological text in linear time', () => {
    for (const text of [
      '<at>Missing KBs</at> /missingkbs microsoft-_-edge',
      '<p>/missingkbs microsoft-_-edge</p>',
      '{"text":"/missingkbs"}',
      '/missingkbs ${secret}',
      '/missingkbs [click](https://evil.example)',
      '/missingkbs \ud800',
      '/missingkbs 🙂-_-🙂',
    ]) {
      assert.notEqual(parseCommand(text).kind, 'missingkbs', text);
    }
    const started = Date.now();
    for (const text of [
      'x'.repeat(100_000),
      `/missingkbs microsoft-_-${'e'.repeat(100_000)}`,
      `/missingkbs ${'a b '.repeat(25_000)}`,
      `${' \u00a0'.repeat(50_000)}help`,
      '&nbsp;'.repeat(20_000),
      `/missingkbs ${'('.repeat(50_000)}microsoft-_-edge`,
      `/missingkbs ${'.'.repeat(40000)}a`,
      `/missingkbs a${' .'.repeat(40000)}a`,
    ]) {
      const command = parseCommand(text);
      if (command.kind === 'help' && command.unknown) assert.ok(command.unknown.length <= 100);
    }
    assert.ok(Date.now() - started < 1000, `took ${Date.now() - started} ms`);
  });
});
