// Unit tests for src/commands/handler.ts: CommandHandler with a fake MissingKbsSource and a capturing logger.
import assert from 'node:assert/strict';
import sinon from 'sinon';
import { buildErrorCard } from '../../src/cards/errorCard';
import type { AdaptiveCard } from '../../src/cards/template';
import { CommandHandler, type MissingKbsSource, type RequestContext } from '../../src/commands/handler';
import { parseCommand, type Command } from '../../src/commands/parse';
import type { MissingKbsResult } from '../../src/defender/types';
import { AppError } from '../../src/errors';
import { createLogger, type LogLevel } from '../../src/log';
import { ERROR_CODES } from '../support/errors';

/** Strings that must never reach a log line or a card. */
const TOKEN = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL2FwaSJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ';
const TOKEN_LIKE = [/eyJ[A-Za-z0-9_-]{10,}/, /bearer\s+\S/i, /authorization/i, /client_secret/i];

const PERSONAL: RequestContext = { conversationType: 'personal', tenantId: 'tenant-1', userId: 'user-1' };
const CHANNEL: RequestContext = { conversationType: 'channel', tenantId: 'tenant-1', userId: 'user-1' };
const GROUP_CHAT: RequestContext = { conversationType: 'groupChat', tenantId: 'tenant-1', userId: 'user-1' };

const EDGE_RESULT: MissingKbsResult = {
  softwareId: 'microsoft-_-edge',
  kbs: [
    {
      id: '4540673',
      name: 'March 2020 Security Updates',
      productsNames: ['edge'],
      url: 'https://catalog.update.microsoft.com/v7/site/Search.aspx?q=KB4540673',
      machineMissedOn: 240,
      cveAddressed: 14,
    },
  ],
  skipped: 1,
  pages: 2,
  complete: true,
};

/** All text a card shows (every text, title, value, fallbackText and tooltip string), joined. */
function shownText(card: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (typeof value === 'string' && ['text', 'title', 'value', 'fallbackText', 'tooltip'].includes(key)) {
          out.push(value);
        } else walk(value);
      }
    }
  };
  walk(card);
  return out.join('\n');
}

/** The card's heading (first TextBlock of the body). */
function heading(card: AdaptiveCard): string {
  const body = card.body as { type: string; text?: string }[];
  const first = body.find((element) => element.type === 'TextBlock');
  assert.ok(first?.text, 'card has a heading');
  return first.text;
}

interface Harness {
  readonly handler: CommandHandler;
  readonly source: sinon.SinonStub<Parameters<MissingKbsSource>, ReturnType<MissingKbsSource>>;
  readonly lines: string[];
  /** The log lines parsed; fails the test if one is not a JSON object. */
  records(): Record<string, unknown>[];
}

function harness(level: LogLevel = 'debug'): Harness {
  const lines: string[] = [];
  const source = sinon.stub<Parameters<MissingKbsSource>, ReturnType<MissingKbsSource>>();
  source.resolves(EDGE_RESULT);
  const handler = new CommandHandler(
    source,
    createLogger(level, (line) => lines.push(line)),
  );
  return {
    handler,
    source,
    lines,
    records: () =>
      lines.map((line) => {
        assert.doesNotMatch(line, /\n/, 'one line per record');
        const parsed: unknown = JSON.parse(line);
        assert.ok(parsed && typeof parsed === 'object' && !Array.isArray(parsed), 'a JSON object');
        return parsed as Record<string, unknown>;
      }),
  };
}

function assertNoTokens(text: string): void {
  for (const pattern of TOKEN_LIKE) assert.doesNotMatch(text, pattern);
  assert.ok(!text.includes(TOKEN));
}

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
      assert.equal(records[0].reason, 'it contains ".."');
    });
  });

  describe('missingkbs', () => {
    it('calls the source once with the normalised id and the request, and shows the KBs', async () => {
      const h = harness();
      const command = parseCommand('\u00a0/MissingKBs&nbsp;"Microsoft-_-Edge".');
      const card = await h.handler.handle(command, CHANNEL);
      sinon.assert.calledOnce(h.source);
      sinon.assert.calledWithExactly(h.source, 'microsoft-_-edge', CHANNEL);
      assert.equal(heading(card), 'Missing security updates');
      const text = shownText(card);
      for (const expected of [
        'KB4540673',
        'March 2020 Security Updates',
        '240 devices',
        '14 CVEs',
        'microsoft-_-edge',
      ]) {
        assert.ok(text.includes(expected), `card shows ${expected}`);
      }
    });

    it('passes the caller’s abort signal through, in the same request object', async () => {
      const h = harness();
      const controller = new AbortController();
      const request: RequestContext = { ...PERSONAL, signal: controller.signal };
      await h.handler.handle({ kind: 'missingkbs', softwareId: 'microsoft-_-edge' }, request);
      assert.equal(h.source.firstCall.args[1], request);
      assert.equal(h.source.firstCall.args[1].signal, controller.signal);
    });

    it('shows the "No missing security updates" card for an empty result', async () => {
      const h = harness();
      h.source.resolves({ softwareId: 'microsoft-_-edge', kbs: [], skipped: 0, pages: 1, complete: true });
      const card = await h.handler.handle({ kind: 'missingkbs', softwareId: 'microsoft-_-edge' }, PERSONAL);
      assert.equal(heading(card), 'No missing security updates');
    });

    it('logs one info line with the id, counts and duration', async () => {
      const h = harness();
      await h.handler.handle({ kind: 'missingkbs', softwareId: 'microsoft-_-edge' }, PERSONAL);
      const records = h.records();
      assert.equal(records.length, 1);
      const [record] = records;
      assert.equal(record.level, 'info');
      assert.equal(record.msg, 'command.missingkbs');
      assert.equal(record.softwareId, 'microsoft-_-edge');
      assert.equal(record.kbs, 1);
      assert.equal(record.pages, 2);
      assert.equal(record.skipped, 1);
      assert.equal(typeof record.ms, 'number');
      assert.ok((record.ms as number) >= 0);
    });

    it('measures the duration with the clock', async () => {
      const clock = sinon.useFakeTimers({ now: 1_000_000, toFake: ['Date'] });
      const h = harness();
      h.source.callsFake(() => {
        clock.tick(1234);
        return Promise.resolve(EDGE_RESULT);
      });
      await h.handler.handle({ kind: 'missingkbs', softwareId: 'microsoft-_-edge' }, PERSONAL);
      assert.equal(h.records()[0].ms, 1234);
    });

    it('writes nothing at log level silent and still answers', async () => {
      const h = harness('silent');
      const card = await h.handler.handle({ kind: 'missingkbs', softwareId: 'microsoft-_-edge' }, PERSONAL);
      assert.equal(heading(card), 'Missing security updates');
      assert.deepEqual(h.lines, []);
    });
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
