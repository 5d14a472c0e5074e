// src/log.ts: levels, one JSON object per line (time, level, msg first), children, errorFields, operation ids.
import assert from 'node:assert/strict';
import sinon from 'sinon';
import { createLogger, errorFields, LOG_LEVELS, setOperationIdSource, silentLogger, type LogLevel } from '../src/log';

const WRITABLE = ['debug', 'info', 'warn', 'error'] as const;

/** A logger writing into an array, and the parsed records. */
function capture(level: LogLevel) {
  const lines: string[] = [];
  const logger = createLogger(level, (line) => lines.push(line));
  return { logger, lines, records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe('createLogger', () => {
  afterEach(() => {
    sinon.restore();
    setOperationIdSource(undefined);
  });

  LOG_LEVELS.forEach((level, rank) => {
    const shown = WRITABLE.slice(rank);
    it(`at ${level}, writes ${shown.join(', ') || 'nothing'}, children included`, () => {
      const { logger, records } = capture(level);
      for (const lvl of WRITABLE) logger[lvl](`msg.${lvl}`);
      for (const lvl of WRITABLE) logger.child({ c: 1 })[lvl](`child.${lvl}`);
      const expected = [...shown.map((l) => [l, `msg.${l}`]), ...shown.map((l) => [l, `child.${l}`])];
      assert.deepEqual(
        records().map((r) => [r.level, r.msg]),
        expected,
      );
    });
  });

  it('defaults to info on stdout, one line ending in a newline; silentLogger writes nothing', () => {
    const write = sinon.stub(process.stdout, 'write').returns(true);
    const logger = createLogger();
    logger.debug('hidden');
    logger.info('shown', { n: 1 });
    for (const lvl of WRITABLE) silentLogger[lvl]('nothing');
    silentLogger.child({ a: 1 }).error('nothing either');
    write.restore();
    sinon.assert.calledOnceWithMatch(write, sinon.match(/^\{"time":.*"msg":"shown","n":1\}\n$/));
  });

  it('writes time, level and msg first, then the fields, on one line whatever they hold; fields never overwrite the head', () => {
    const clock = sinon.useFakeTimers({ now: Date.UTC(2024, 0, 2, 3, 4, 5, 6), toFake: ['Date'] });
    const { logger, lines, records } = capture('debug');
    logger.info('command.missingkbs', { softwareId: 'microsoft-_-edge', kbs: 3, none: null, level: 'error', msg: 'x' });
    clock.tick(1000);
    logger.error('multi\nline\r\n', { text: 'a\nb', nested: { deep: ['x\ny'] }, u: '\u2028\u0000', time: 'x' });
    assert.equal(lines.length, 2);
    assert.ok(lines.every((line) => !/[\n\r]/.test(line)));
    assert.deepEqual(Object.keys(records()[0]), ['time', 'level', 'msg', 'softwareId', 'kbs', 'none']);
    assert.deepEqual(records()[0], {
      time: '2024-01-02T03:04:05.006Z',
      level: 'info',
      msg: 'command.missingkbs',
      softwareId: 'microsoft-_-edge',
      kbs: 3,
      none: null,
    });
    assert.deepEqual(
      [records()[1].time, records()[1].msg, records()[1].nested],
      ['2024-01-02T03:04:06.006Z', 'multi\nline\r\n', { deep: ['x\ny'] }],
    );
  });

  it('child: adds its fields (nearer children, then call fields winning), keeps level and sink, leaves the parent', () => {
    const { logger, records } = capture('info');
    const grandchild = logger.child({ a: 1, b: 1 }).child({ b: 2, c: 2 });
    grandchild.debug('dropped');
    grandchild.info('x');
    grandchild.info('y', { c: 3, d: 3 });
    logger.info('parent');
    assert.deepEqual(
      records().map((r) => [r.msg, r.a, r.b, r.c, r.d]),
      [
        ['x', 1, 2, 2, undefined],
        ['y', 1, 2, 3, 3],
        ['parent', undefined, undefined, undefined, undefined],
      ],
    );
  });

  it('adds the operation id (telemetry on) to every line, after the fields, and nothing when there is none', () => {
    const { logger, records } = capture('info');
    let current: string | undefined = '4bf92f3577b34da6a3ce929d0e0e4736';
    setOperationIdSource(() => current);
    logger.child({ component: 'commands' }).info('command.missingkbs', { operationId: 'spoofed' });
    current = undefined;
    logger.info('alerts.round');
    setOperationIdSource(undefined);
    logger.info('server.stopped');
    assert.deepEqual(
      records().map((r) => r.operationId),
      ['4bf92f3577b34da6a3ce929d0e0e4736', undefined, undefined],
    );
  });
});

describe('errorFields', () => {
  const withCode = (code: unknown): Error => Object.assign(new TypeError('econn'), { code });
  const hostile = {
    toString: () => {
      throw new Error('no');
    },
  };
  const cases: [string, unknown, Record<string, unknown>][] = [
    ['an Error: message and name, no stack', new TypeError('bad'), { error: 'bad', errorName: 'TypeError' }],
    ['a string code', withCode('ECONNRESET'), { error: 'econn', errorName: 'TypeError', errorCode: 'ECONNRESET' }],
    ['a code that is not a string', withCode(42), { error: 'econn', errorName: 'TypeError' }],
    ['a string', 'plain', { error: 'plain' }],
    ['undefined', undefined, { error: 'undefined' }],
    ['an object', { message: 'object' }, { error: '[object Object]' }],
    ['a value whose toString throws', hostile, { error: '[object Object]' }],
  ];
  for (const [what, value, expected] of cases) {
    it(`describes ${what}`, () => assert.deepEqual(errorFields(value), expected));
  }

  it('adds the stack when asked, and never the cause or other properties', () => {
    const err = new Error('outer', { cause: new Error('Bearer secret-token') });
    Object.assign(err, { headers: { authorization: 'Bearer secret-token' } });
    assert.equal(errorFields(err, true).stack, err.stack);
    assert.ok(!JSON.stringify(errorFields(err, true)).includes('secret-token'));
  });
});
