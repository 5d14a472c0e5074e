// parseCommand (src/commands/parse.ts + browseArgs.ts): names, quoted names, top [n] and pages.
import assert from 'node:assert/strict';
import { parseCommand } from '../../src/commands/parse';

describe('parseCommand', () => {
  describe('names, top and pages', () => {
    it('reads plain and quoted names (straight and curly quotes) as names to look up', () => {
      assert.deepEqual(parseCommand('/missingkbs edge'), { kind: 'find', query: 'edge' });
      for (const text of [
        '/missingkbs "Microsoft Edge"',
        '/missingkbs “Microsoft Edge”',
        "missingkbs 'Microsoft Edge'",
      ]) {
        assert.deepEqual(parseCommand(text), { kind: 'find', query: 'Microsoft Edge' }, text);
      }
      assert.deepEqual(parseCommand('/missingkbs Notepad++'), { kind: 'find', query: 'Notepad++' });
      assert.deepEqual(parseCommand('/missingkbs Lecteur Média'), { kind: 'find', query: 'Lecteur Média' });
    });

    it('keeps the invalid-id card for text that is neither an id nor a plausible name', () => {
      for (const text of [
        '/missingkbs ../machines',
        '/missingkbs edge/getmissingkbs',
        '/missingkbs %27',
        '/missingkbs edge&$top=1',
        `/missingkbs ${'a'.repeat(101)}`,
        '/missingkbs micro\u0007soft',
        '/missingkbs microsoft-_-edge page x',
      ]) {
        assert.equal(parseCommand(text).kind, 'invalid-id', text);
      }
    });

    it('reads top with an optional count, 10 by default, between 1 and 25', () => {
      assert.deepEqual(parseCommand('/missingkbs top'), { kind: 'top', count: 10 });
      assert.deepEqual(parseCommand('/missingkbs TOP 5'), { kind: 'top', count: 5 });
      assert.deepEqual(parseCommand('/missingkbs top 500'), { kind: 'top', count: 25 });
      assert.deepEqual(parseCommand('/missingkbs top 0'), { kind: 'top', count: 1 });
    });

    it('reads "<id> page <n>" (the fallback of the Next and Previous buttons)', () => {
      assert.deepEqual(parseCommand('/missingkbs microsoft-_-windows_10 page 2'), {
        kind: 'missingkbs',
        softwareId: 'microsoft-_-windows_10',
        page: 2,
      });
      assert.equal(parseCommand('/missingkbs microsoft-_-windows_10 page 0').kind, 'invalid-id');
    });
  });
});
