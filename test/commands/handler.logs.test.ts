// CommandHandler (src/commands/handler.ts): its log lines are single-line JSON, token-free, and follow the level.
import assert from 'node:assert/strict';
import sinon from 'sinon';
import { parseCommand, type Command } from '../../src/commands/parse';
import { AppError } from '../../src/errors';
import { assertNoTokens, harness, PERSONAL, TOKEN } from '../support/commandHandler';

describe('CommandHandler', () => {
  afterEach(() => {
    sinon.restore();
  });

  describe('log lines', () => {
    it('are single-line JSON objects with time, level and msg, and carry no token-like strings', async () => {
      const h = harness();
      const commands: Command[] = [
        { kind: 'help' },
        parseCommand('/missingkbs ../x'),
        { kind: 'missingkbs', softwareId: 'microsoft-_-edge' },
      ];
      for (const command of commands) await h.handler.handle(command, { ...PERSONAL, tenantId: TOKEN });
      h.source.rejects(new AppError('unauthorized', 'Defender answered 401', { status: 401 }, { cause: TOKEN }));
      await h.handler.handle({ kind: 'missingkbs', softwareId: 'microsoft-_-edge' }, PERSONAL);
      const records = h.records();
      assert.equal(records.length, 3, 'help logs nothing; invalid id, success and failure log once each');
      for (const record of records) {
        assert.match(String(record.time), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
        assert.ok(['info', 'warn', 'error'].includes(String(record.level)));
        assert.equal(typeof record.msg, 'string');
      }
      assertNoTokens(h.lines.join('\n'));
    });

    it('respect the logger level', async () => {
      const h = harness('error');
      await h.handler.handle({ kind: 'missingkbs', softwareId: 'microsoft-_-edge' }, PERSONAL);
      h.source.rejects(new AppError('not-found', 'Defender answered 404'));
      await h.handler.handle({ kind: 'missingkbs', softwareId: 'microsoft-_-edge' }, PERSONAL);
      assert.deepEqual(h.lines, [], 'info and warn are below error');
      h.source.rejects(new Error('boom'));
      await h.handler.handle({ kind: 'missingkbs', softwareId: 'microsoft-_-edge' }, PERSONAL);
      assert.equal(h.records().length, 1);
    });
  });
});
