// parseCommand (src/commands/parse.ts) and HELP_WORDS (src/commands/helpWords.ts): the help words of every catalogue.
import assert from 'node:assert/strict';
import { HELP_WORDS } from '../../src/commands/helpWords';
import { parseCommand } from '../../src/commands/parse';
import { catalogue, LOCALES } from '../../src/i18n';

describe('parseCommand in every language', () => {
  it('accepts the help words of every catalogue, with or without "/", in any case', () => {
    for (const word of ['help', 'commands', 'aide', 'Aide', '/aide', 'aidez-moi', 'Commandes', '/commandes']) {
      assert.deepEqual(parseCommand(word), { kind: 'help' }, word);
      assert.deepEqual(parseCommand(`/missingkbs ${word}`), { kind: 'help' }, `/missingkbs ${word}`);
    }
  });

  it('builds its list from the catalogues, so a help word the card shows is understood', () => {
    for (const locale of LOCALES) {
      const { help } = catalogue(locale);
      for (const word of help.words) assert.ok(HELP_WORDS.includes(word.toLowerCase()), `${locale}: ${word}`);
      assert.deepEqual(parseCommand(help.commands.help.title), { kind: 'help' }, `${locale}: the card's help command`);
    }
  });

  it('keeps other French text unknown, and /missingkbs the command in every language', () => {
    assert.deepEqual(parseCommand('bonjour'), { kind: 'help', unknown: 'bonjour' });
    assert.deepEqual(parseCommand('aide-moi vite'), { kind: 'help', unknown: 'aide-moi vite' });
    assert.deepEqual(parseCommand('/missingkbs microsoft-_-edge'), {
      kind: 'missingkbs',
      softwareId: 'microsoft-_-edge',
    });
  });

  it('reads no pattern from a help word: punctuation in words is matched literally', () => {
    assert.deepEqual(parseCommand('aidez-moi'), { kind: 'help' });
    assert.deepEqual(parseCommand('aidezxmoi'), { kind: 'help', unknown: 'aidezxmoi' });
  });
});
