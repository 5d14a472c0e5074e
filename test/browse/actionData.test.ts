// src/browse/actions.ts: what buttons carry, read back strictly.
import assert from 'node:assert/strict';
import { actionCommand, actionData, readAction, type CardAction } from '../../src/browse/actions';
import { parseCommand } from '../../src/commands/parse';

describe('card action data', () => {
  const actions: CardAction[] = [
    { kind: 'missingkbs', softwareId: 'microsoft-_-edge', page: 1 },
    { kind: 'missingkbs', softwareId: 'microsoft-_-windows_10', page: 3 },
    { kind: 'top', count: 25 },
  ];

  it('reads back what it wrote, for both verbs', () => {
    for (const action of actions) {
      for (const verb of ['refresh', 'page']) {
        assert.deepEqual(readAction(verb, actionData(action)), { ok: true, action });
      }
    }
  });

  it('the fallback command parses to the same command as the button', () => {
    assert.deepEqual(parseCommand(actionCommand(actions[0])), { kind: 'missingkbs', softwareId: 'microsoft-_-edge' });
    assert.deepEqual(parseCommand(actionCommand(actions[1])), {
      kind: 'missingkbs',
      softwareId: 'microsoft-_-windows_10',
      page: 3,
    });
    assert.deepEqual(parseCommand(actionCommand(actions[2])), { kind: 'top', count: 25 });
  });

  it('tells a stale layout from tampered data', () => {
    assert.deepEqual(readAction('refresh', { ...actionData(actions[0]), v: 2 }), { ok: false, reason: 'stale' });
    assert.deepEqual(readAction('refresh', { ...actionData(actions[0]), page: -1 }), { ok: false, reason: 'tampered' });
    assert.deepEqual(readAction('refresh', { ...actionData(actions[2]), softwareId: 'x-_-y' }), {
      ok: false,
      reason: 'tampered',
    });
    assert.deepEqual(readAction(undefined, actionData(actions[0])), { ok: false, reason: 'tampered' });
  });
});
