// parseCommand (src/commands/parse.ts): watch, unwatch and watching, with or without /missingkbs.
import assert from 'node:assert/strict';
import { parseCommand } from '../../src/commands/parse';

describe('parseCommand: watch commands', () => {
  it('reads watch and unwatch with an id, after /missingkbs or alone (as the command menu inserts them)', () => {
    const cases: [string, string, string][] = [
      ['/missingkbs watch microsoft-_-edge', 'watch', 'microsoft-_-edge'],
      ['missingkbs watch Microsoft-_-Edge.', 'watch', 'microsoft-_-edge'],
      ['watch microsoft-_-edge', 'watch', 'microsoft-_-edge'],
      ['/watch  "microsoft-_-edge"', 'watch', 'microsoft-_-edge'],
      ['WATCH\u00a0microsoft-_-edge&nbsp;', 'watch', 'microsoft-_-edge'],
      ['/missingkbs unwatch microsoft-_-edge', 'unwatch', 'microsoft-_-edge'],
      ['unwatch google-_-chrome!', 'unwatch', 'google-_-chrome'],
      ['/MissingKBs UnWatch google-_-chrome', 'unwatch', 'google-_-chrome'],
    ];
    for (const [text, kind, softwareId] of cases) {
      assert.deepEqual(parseCommand(text), { kind, softwareId }, text);
    }
  });

  it('reads watching, with or without /missingkbs', () => {
    for (const text of ['watching', '/watching', '/missingkbs watching', 'missingkbs Watching?', ' Watching. ']) {
      assert.deepEqual(parseCommand(text), { kind: 'watching' }, text);
    }
  });

  it('gives the invalid-id card’s command for a bad id, and help for no id', () => {
    assert.deepEqual(parseCommand('/missingkbs watch ../machines'), {
      kind: 'invalid-id',
      input: '../machines',
      reason: 'dot-dot',
    });
    assert.equal(parseCommand('unwatch edge').kind, 'invalid-id');
    assert.equal(parseCommand('watch microsoft-_-edge extra').kind, 'invalid-id');
    assert.deepEqual(parseCommand('/missingkbs watch'), { kind: 'help' });
    assert.deepEqual(parseCommand('unwatch'), { kind: 'help' });
  });

  it('still reads software ids that start with the words', () => {
    assert.deepEqual(parseCommand('/missingkbs watchguard-_-firebox'), {
      kind: 'missingkbs',
      softwareId: 'watchguard-_-firebox',
    });
    assert.deepEqual(parseCommand('/missingkbs watching-_-tool'), {
      kind: 'missingkbs',
      softwareId: 'watching-_-tool',
    });
    assert.deepEqual(parseCommand('watchguard-_-firebox'), { kind: 'help', unknown: 'watchguard-_-firebox' });
  });
});
