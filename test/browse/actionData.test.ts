// src/browse/actions.ts: what buttons carry, read back strictly (stale layouts told from tampered data).
import assert from 'node:assert/strict';
import { actionCommand, actionData, commandOf, readAction, type CardAction } from '../../src/browse/actions';
import { parseCommand } from '../../src/commands/parse';

const EDGE = { v: 1, kind: 'missingkbs', softwareId: 'microsoft-_-edge', page: 1 };

describe('card action data', () => {
  const actions: CardAction[] = [
    { kind: 'missingkbs', softwareId: 'microsoft-_-edge', page: 1 },
    { kind: 'missingkbs', softwareId: 'microsoft-_-windows_10', page: 3 },
    { kind: 'top', count: 25 },
  ];

  it('reads back what it wrote, for both verbs; the fallback command parses to the button’s command', () => {
    for (const action of actions) {
      for (const verb of ['refresh', 'page'])
        assert.deepEqual(readAction(verb, actionData(action)), { ok: true, action });
    }
    assert.deepEqual(parseCommand(actionCommand(actions[0])), { kind: 'missingkbs', softwareId: 'microsoft-_-edge' });
    assert.deepEqual(parseCommand(actionCommand(actions[1])), commandOf(actions[1]));
    assert.deepEqual(parseCommand(actionCommand(actions[2])), { kind: 'top', count: 25 });
    assert.deepEqual(commandOf(actions[1]), { kind: 'missingkbs', softwareId: 'microsoft-_-windows_10', page: 3 });
  });

  const refused: [unknown, unknown, 'stale' | 'tampered'][] = [
    ['refresh', { ...EDGE, v: 2 }, 'stale'],
    ['refresh', { ...EDGE, v: 0 }, 'stale'],
    ['refresh', { softwareId: 'microsoft-_-edge' }, 'stale'],
    ['refresh', { ...EDGE, softwareId: '../machines' }, 'tampered'],
    ['refresh', { ...EDGE, softwareId: 'Microsoft-_-Edge' }, 'tampered'],
    ['refresh', { ...EDGE, softwareId: 'microsoft-_-edge/../../machines' }, 'tampered'],
    ['page', { ...EDGE, page: 0 }, 'tampered'],
    ['page', { ...EDGE, page: -1 }, 'tampered'],
    ['page', { ...EDGE, page: 1e9 }, 'tampered'],
    ['page', { ...EDGE, page: '2' }, 'tampered'],
    ['page', { ...EDGE, page: 1.5 }, 'tampered'],
    ['refresh', { ...EDGE, extra: 'x' }, 'tampered'],
    ['refresh', { v: 1, kind: 'top', count: 1000 }, 'tampered'],
    ['refresh', { v: 1, kind: 'top', count: 25, softwareId: 'x-_-y' }, 'tampered'],
    ['refresh', { ...EDGE, kind: 'machines' }, 'tampered'],
    ['delete', EDGE, 'tampered'],
    [undefined, EDGE, 'tampered'],
    ['refresh', 'microsoft-_-edge', 'tampered'],
    ['refresh', null, 'tampered'],
    ['refresh', [EDGE], 'tampered'],
  ];
  it(`refuses ${refused.length} stale or tampered buttons, saying which`, () => {
    for (const [verb, data, reason] of refused) {
      assert.deepEqual(readAction(verb, data), { ok: false, reason }, JSON.stringify([verb, data]));
    }
  });
});
