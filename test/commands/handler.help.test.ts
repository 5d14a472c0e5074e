// CommandHandler (src/commands/handler.ts): help and invalid ids, answered without calling the source.
import assert from 'node:assert/strict';
import sinon from 'sinon';
import { parseCommand } from '../../src/commands/parse';
import { CHANNEL, GROUP_CHAT, harness, heading, PERSONAL, shownText } from '../support/commandHandler';

describe('CommandHandler', () => {
  afterEach(() => {
    sinon.restore();
  });

  describe('help', () => {
    it('answers with the help card and never calls the source', async () => {
      const h = harness();
      const card = await h.handler.handle({ kind: 'help' }, PERSONAL);
      assert.equal(card.type, 'AdaptiveCard');
      assert.equal(heading(card), 'Missing KBs: help');
      assert.ok(shownText(card).includes('/missingkbs microsoft-_-edge'));
      assert.doesNotMatch(shownText(card), /I did not understand/);
      sinon.assert.notCalled(h.source);
    });

    it('echoes unknown text', async () => {
      const h = harness();
      const card = await h.handler.handle({ kind: 'help', unknown: 'what can you do?' }, PERSONAL);
      const text = shownText(card);
      assert.ok(text.includes('I did not understand'));
      assert.ok(text.includes('what can you do?'));
      sinon.assert.notCalled(h.source);
    });

    it('tells channel and group chat users to @mention the bot, not 1:1 users', async () => {
      const h = harness();
      for (const request of [CHANNEL, GROUP_CHAT]) {
        assert.match(shownText(await h.handler.handle({ kind: 'help' }, request)), /@mention/);
      }
      assert.doesNotMatch(shownText(await h.handler.handle({ kind: 'help' }, PERSONAL)), /@mention/);
    });
  });

  describe('invalid-id', () => {
    it('answers with the invalid-id card, never calls the source and logs the reason', async () => {
      const h = harness();
      const command = parseCommand('/missingkbs ../machines');
      assert.equal(command.kind, 'invalid-id');
      const card = await h.handler.handle(command, PERSONAL);
      assert.equal(heading(card), 'That is not a valid software id');
      const text = shownText(card);
      assert.ok(text.includes('../machines'));
      assert.ok(text.includes('microsoft-_-edge'), 'shows the example id');
      sinon.assert.notCalled(h.source);
      const records = h.records();
      assert.equal(records.length, 1);
      assert.equal(records[0].msg, 'command.invalid_id');
      assert.equal(records[0].level, 'info');
      assert.equal(records[0].reason, 'dot-dot');
    });
  });
});
