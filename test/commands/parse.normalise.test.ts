// normaliseText (src/commands/parse.ts): Teams spaces, entities and zero-width characters.
import assert from 'node:assert/strict';
import { normaliseText } from '../../src/commands/parse';

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
