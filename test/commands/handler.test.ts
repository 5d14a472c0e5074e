// CommandHandler (src/commands/handler.ts): help, invalid ids and /missingkbs as cards and log lines; failures become cards, never rejections.
import assert from 'node:assert/strict';
import sinon from 'sinon';
import { buildErrorCard, buildInvalidIdCard } from '../../src/cards/errorCard';
import { buildPagedMissingKbsCard } from '../../src/cards/browse/pagedKbs';
import { buildHelpCard } from '../../src/cards/helpCard';
import { parseCommand } from '../../src/commands/parse';
import type { RequestContext } from '../../src/commands/types';
import type { MissingKbsResult } from '../../src/defender/types';
import { AppError } from '../../src/errors';
import type { Harness } from '../support/commandHandler';
import { assertNoTokens, CHANNEL, EDGE_RESULT, GROUP_CHAT, harness, PERSONAL, TOKEN } from '../support/commandHandler';
import { ERROR_CODES } from '../support/errors';
import { recordSignals } from '../support/signals';

const EDGE = { kind: 'missingkbs', softwareId: 'microsoft-_-edge' } as const;

describe('CommandHandler', () => {
  let h: Harness;
  beforeEach(() => (h = harness()));
  afterEach(() => sinon.restore());

  // What the cards say (the echo, @mention advice outside 1:1, the id refused): test/cards/helpCard.test.ts,
  // errorCard.test.ts and the help samples; here, that the handler asks for the right card.
  it('answers help with the help card for the conversation, echoing unknown text, and no source call', async () => {
    const unknown = 'what can you do?';
    const echoed = await h.handler.handle({ kind: 'help', unknown }, PERSONAL);
    assert.deepEqual(echoed, buildHelpCard({ unknown, inChannel: false }));
    for (const request of [CHANNEL, GROUP_CHAT]) {
      assert.deepEqual(await h.handler.handle({ kind: 'help' }, request), buildHelpCard({ inChannel: true }));
    }
    sinon.assert.notCalled(h.source);
    assert.deepEqual(h.lines, [], 'help logs nothing');
  });

  it('answers an invalid id with its card, logs the reason, and calls no source', async () => {
    const card = await h.handler.handle(parseCommand('/missingkbs ../machines'), PERSONAL);
    assert.deepEqual(card, buildInvalidIdCard('../machines', 'dot-dot'));
    sinon.assert.notCalled(h.source);
    assert.deepEqual(
      h.records().map(({ level, msg, reason }) => ({ level, msg, reason })),
      [{ level: 'info', msg: 'command.invalid_id', reason: 'dot-dot' }],
    );
  });

  it('answers watch commands with help, and browse commands with the config card, when those features are off', async () => {
    assert.deepEqual(await h.handler.handle({ kind: 'watching' }, CHANNEL), buildHelpCard({ inChannel: true }));
    const card = await h.handler.handle({ kind: 'top', count: 3 }, PERSONAL);
    assert.deepEqual(card, buildErrorCard(new AppError('config', 'no software list source')));
  });

  it('calls the source once with the id and the same request (its signal too), and shows the KBs', async () => {
    const request: RequestContext = { ...CHANNEL, signal: new AbortController().signal };
    const card = await h.handler.handle(parseCommand('\u00a0/MissingKBs&nbsp;"Microsoft-_-Edge".'), request);
    sinon.assert.calledOnceWithExactly(h.source, 'microsoft-_-edge', request);
    // How the card shows the KBs, or that none are missing: test/cards/missingKbsCard.test.ts.
    assert.deepEqual(card, buildPagedMissingKbsCard(EDGE_RESULT, 1, 'en'));
  });

  it('logs one info line per lookup: id, counts and the duration by the clock, as single-line JSON', async () => {
    const clock = sinon.useFakeTimers({ now: 1_000_000, toFake: ['Date'] });
    h.source.callsFake(() => {
      clock.tick(1234);
      return Promise.resolve(EDGE_RESULT);
    });
    await h.handler.handle(EDGE, { ...PERSONAL, tenantId: TOKEN });
    const [record, ...more] = h.records();
    assert.equal(more.length, 0);
    const { time, ...rest } = record;
    assert.match(String(time), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.deepEqual(rest, {
      level: 'info',
      msg: 'command.missingkbs',
      softwareId: 'microsoft-_-edge',
      kbs: 1,
      pages: 2,
      skipped: 1,
      ms: 1234,
    });
    assertNoTokens(h.lines.join('\n'));
  });

  for (const code of ERROR_CODES) {
    it(`turns an AppError '${code}' into its error card, without stack or upstream text`, async () => {
      const raw = `RAW-UPSTREAM-MESSAGE ${code}: Software id was not found, token ${TOKEN}`;
      const details = { status: 418, softwareId: 'contoso-_-nothing', correlationId: '43f4cb08-8fac-4b65' };
      const error = new AppError(code, raw, details, { cause: new Error(`Authorization: Bearer ${TOKEN}`) });
      h.source.rejects(error);
      const card = await h.handler.handle({ kind: 'missingkbs', softwareId: 'contoso-_-nothing' }, PERSONAL);
      // The catalogue card for the code, which never shows the raw message, a stack or the error's name, and
      // shows the correlation id: test/cards/errorCard.test.ts.
      assert.deepEqual(card, buildErrorCard(error));
      assertNoTokens(JSON.stringify(card));
    });
  }

  it('logs an AppError at warn with code, status and correlation id, without stack, cause or token', async () => {
    const details = { status: 429, softwareId: 'microsoft-_-edge', correlationId: 'c7c6e5b1', retryAfterSeconds: 30 };
    const cause = new Error(`Bearer ${TOKEN}`);
    h.source.rejects(new AppError('throttled', 'Defender answered 429 TooManyRequests', details, { cause }));
    await h.handler.handle(EDGE, PERSONAL);
    const [record, ...more] = h.records();
    assert.equal(more.length, 0);
    assert.deepEqual(
      { ...record, time: undefined, ms: undefined },
      {
        time: undefined,
        ms: undefined,
        level: 'warn',
        msg: 'command.missingkbs_failed',
        softwareId: 'microsoft-_-edge',
        code: 'throttled',
        status: 429,
        correlationId: 'c7c6e5b1',
        errorName: 'AppError',
        errorCode: 'throttled',
        error: 'Defender answered 429 TooManyRequests',
      },
    );
    assertNoTokens(h.lines.join('\n'));
  });

  // The internal card never shows the error's message or stack: test/cards/errorCard.test.ts.
  it('never rejects: plain errors, odd rejections, synchronous throws and unusable results give the internal card', async () => {
    const hostile = {
      toString: () => {
        throw new Error('no');
      },
    };
    const sources: (() => Promise<MissingKbsResult>)[] = [
      () => Promise.reject(new TypeError('Cannot read properties of undefined (reading "kbs")')),
      ...['just a string', undefined, null, 42, { message: 'object' }, Object.create(null), hostile].map(
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
        (value) => () => Promise.reject(value),
      ),
      () => {
        throw new Error('sync failure');
      },
      () => Promise.resolve({ softwareId: 'microsoft-_-edge', kbs: null } as unknown as MissingKbsResult),
    ];
    const logged: unknown[] = [];
    for (const source of sources) {
      const each = harness();
      each.source.callsFake(source);
      const card = await each.handler.handle(EDGE, PERSONAL);
      assert.deepEqual(card, buildErrorCard(new AppError('internal', '')), String(source));
      const [record] = each.records();
      assert.deepEqual([record.level, record.code, typeof record.stack], ['error', 'internal', 'string']);
      logged.push(record.error);
    }
    assert.equal(logged[0], 'Cannot read properties of undefined (reading "kbs")', 'a plain error logs its message');
  });

  it('reports each command to telemetry by kind and outcome (ok, or the error code)', async () => {
    const recorded = recordSignals();
    try {
      h.source.onFirstCall().rejects(new AppError('throttled', 'busy', { retryAfterSeconds: 30 }));
      await h.handler.handle(EDGE, PERSONAL);
      await h.handler.handle(EDGE, PERSONAL);
      await h.handler.handle({ kind: 'help' }, PERSONAL);
      assert.deepEqual(recorded.calls, ['command missingkbs throttled', 'command missingkbs ok', 'command help ok']);
    } finally {
      recorded.stop();
    }
  });
});
