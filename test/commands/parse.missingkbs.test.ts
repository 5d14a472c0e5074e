// parseCommand (src/commands/parse.ts): the missingkbs command and the ids it accepts.
import assert from 'node:assert/strict';
import { MAX_SOFTWARE_ID_LENGTH } from '../../src/commands/softwareId';
import { assertId } from '../support/commands';

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
});
