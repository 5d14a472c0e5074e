// CommandHandler (src/commands/handler.ts): source failures become error cards and log lines, and never reject.
import assert from 'node:assert/strict';
import sinon from 'sinon';
import { buildErrorCard } from '../../src/cards/errorCard';
import type { MissingKbsResult } from '../../src/defender/types';
import { AppError } from '../../src/errors';
import { assertNoTokens, harness, heading, PERSONAL, shownText, TOKEN } from '../support/commandHandler';
import { ERROR_CODES } from '../support/errors';
import { recordSignals } from '../support/signals';

describe('CommandHandler', () => {
  afterEach(() => {
    sinon.restore();
  });

  describe('failures', () => {
    for (const code of ERROR_CODES) {
      it(`turns an AppError '${code}' into its error card, without stack or upstream text`, async () => {
        const h = harness();
        const raw = `RAW-UPSTREAM-MESSAGE ${code}: Software id was not found, token ${TOKEN}`;
        const error = new AppError(
          code,
          raw,
          { status: 418, softwareId: 'contoso-_-nothing', correlationId: '43f4cb08-8fac-4b65-9db1-745c2ae65f3a' },
          { cause: new Error(`Authorization: Bearer ${TOKEN}`) },
        );
        h.source.rejects(error);
        const card = await h.handler.handle({ kind: 'missingkbs', softwareId: 'contoso-_-nothing' }, PERSONAL);
        assert.deepEqual(card, buildErrorCard(error), 'the catalogue card for the code');
        const json = JSON.stringify(card);
        assert.ok(!json.includes('RAW-UPSTREAM-MESSAGE'), 'no raw message');
        assert.doesNotMatch(json, /\bat .*\.(js|ts):\d+/, 'no stack frame');
        assert.doesNotMatch(json, /AppError|Error:/, 'no error names');
        assertNoTokens(json);
        assert.ok(shownText(card).includes('43f4cb08-8fac-4b65-9db1-745c2ae65f3a'), 'correlation id shown');
      });
    }

    it('reports each command to telemetry by kind and outcome (ok, or the error code)', async () => {
      const recorded = recordSignals();
      try {
        const h = harness();
        h.source.onFirstCall().rejects(new AppError('throttled', 'busy', { retryAfterSeconds: 30 }));
        h.source.onSecondCall().resolves({ softwareId: 'x', kbs: [], pages: 1, skipped: 0, complete: true });
        await h.handler.handle({ kind: 'missingkbs', softwareId: 'microsoft-_-edge' }, PERSONAL);
        await h.handler.handle({ kind: 'missingkbs', softwareId: 'microsoft-_-edge' }, PERSONAL);
        await h.handler.handle({ kind: 'help' }, PERSONAL);
        assert.deepEqual(recorded.calls, ['command missingkbs throttled', 'command missingkbs ok', 'command help ok']);
      } finally {
        recorded.stop();
      }
    });

    it('logs an AppError at warn, with code, status and correlation id, without stack or cause', async () => {
      const h = harness();
      h.source.rejects(
        new AppError(
          'throttled',
          'Defender answered 429 TooManyRequests',
          { status: 429, softwareId: 'microsoft-_-edge', correlationId: 'c7c6e5b1', retryAfterSeconds: 30 },
          { cause: new Error(`Bearer ${TOKEN}`) },
        ),
      );
      await h.handler.handle({ kind: 'missingkbs', softwareId: 'microsoft-_-edge' }, PERSONAL);
      const records = h.records();
      assert.equal(records.length, 1);
      const [record] = records;
      assert.equal(record.level, 'warn');
      assert.equal(record.msg, 'command.missingkbs_failed');
      assert.equal(record.softwareId, 'microsoft-_-edge');
      assert.equal(record.code, 'throttled');
      assert.equal(record.status, 429);
      assert.equal(record.correlationId, 'c7c6e5b1');
      assert.equal(record.errorName, 'AppError');
      assert.equal(record.errorCode, 'throttled');
      assert.equal(record.error, 'Defender answered 429 TooManyRequests');
      assert.equal(record.stack, undefined);
      assert.equal(record.cause, undefined);
      assertNoTokens(h.lines.join('\n'));
    });

    it('turns a plain Error into the internal card, logged at error with its stack', async () => {
      const h = harness();
      h.source.rejects(new TypeError('Cannot read properties of undefined (reading "kbs")'));
      const card = await h.handler.handle({ kind: 'missingkbs', softwareId: 'microsoft-_-edge' }, PERSONAL);
      assert.equal(heading(card), 'Something went wrong');
      const json = JSON.stringify(card);
      assert.ok(!json.includes('Cannot read properties'), 'no raw message');
      assert.ok(!json.includes('TypeError'), 'no error name');
      assert.doesNotMatch(json, /\bat .*:\d+/, 'no stack frame');
      const [record] = h.records();
      assert.equal(record.level, 'error');
      assert.equal(record.code, 'internal');
      assert.equal(record.error, 'Cannot read properties of undefined (reading "kbs")');
      assert.equal(typeof record.stack, 'string');
    });

    it('turns a rejection with a non-Error value into the internal card', async () => {
      const hostile = {
        toString: () => {
          throw new Error('no');
        },
      };
      for (const value of ['just a string', undefined, null, 42, { message: 'object' }, Object.create(null), hostile]) {
        const h = harness();
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
        h.source.callsFake(() => Promise.reject(value));
        const card = await h.handler.handle({ kind: 'missingkbs', softwareId: 'microsoft-_-edge' }, PERSONAL);
        assert.equal(heading(card), 'Something went wrong', `rejection with ${JSON.stringify(value)}`);
        assert.equal(h.records()[0].level, 'error');
      }
    });

    it('turns a source that throws synchronously into the internal card', async () => {
      const h = harness();
      h.source.throws(new Error('sync failure'));
      const card = await h.handler.handle({ kind: 'missingkbs', softwareId: 'microsoft-_-edge' }, PERSONAL);
      assert.equal(heading(card), 'Something went wrong');
    });

    it('turns a result the card cannot be built from into the internal card', async () => {
      const h = harness();
      h.source.resolves({ softwareId: 'microsoft-_-edge', kbs: null } as unknown as MissingKbsResult);
      const card = await h.handler.handle({ kind: 'missingkbs', softwareId: 'microsoft-_-edge' }, PERSONAL);
      assert.equal(heading(card), 'Something went wrong');
      assert.equal(h.records()[0].level, 'error');
    });

    it('never rejects, whatever the source does', async () => {
      const failures: (() => Promise<MissingKbsResult>)[] = [
        () => Promise.reject(new Error('x')),
        () => Promise.reject(new AppError('timeout', 'late')),
        () => Promise.reject(new RangeError('range')),
        () => {
          throw new AppError('config', 'no token provider');
        },
      ];
      for (const failure of failures) {
        const h = harness();
        h.source.callsFake(failure);
        const card = await h.handler.handle({ kind: 'missingkbs', softwareId: 'microsoft-_-edge' }, PERSONAL);
        assert.equal(card.type, 'AdaptiveCard');
      }
    });
  });
});
