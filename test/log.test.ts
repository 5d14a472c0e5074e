// Unit tests for src/log.ts: createLogger (levels, JSON lines, child fields, silent), errorFields and silentLogger.
import assert from 'node:assert/strict';
import sinon from 'sinon';
import {
  createLogger,
  errorFields,
  LOG_LEVELS,
  setOperationIdSource,
  silentLogger,
  type Logger,
  type LogLevel,
} from '../src/log';

type Writable = Exclude<LogLevel, 'silent'>;
const WRITABLE: readonly Writable[] = ['debug', 'info', 'warn', 'error'];

/** A logger writing into an array, and the parsed records. */
function capture(level: LogLevel): { logger: Logger; lines: string[]; records: () => Record<string, unknown>[] } {
  const lines: string[] = [];
  const logger = createLogger(level, (line) => lines.push(line));
  return {
    logger,
    lines,
    records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

describe('createLogger', () => {
  afterEach(() => {
    sinon.restore();
  });

  it('knows the five levels in order', () => {
    assert.deepEqual(LOG_LEVELS, ['debug', 'info', 'warn', 'error', 'silent']);
  });

  describe('level filtering', () => {
    const expected: Record<LogLevel, Writable[]> = {
      debug: ['debug', 'info', 'warn', 'error'],
      info: ['info', 'warn', 'error'],
      warn: ['warn', 'error'],
      error: ['error'],
      silent: [],
    };
    for (const level of LOG_LEVELS) {
      it(`at ${level}, writes ${expected[level].join(', ') || 'nothing'}`, () => {
        const { logger, records } = capture(level);
        for (const lvl of WRITABLE) logger[lvl](`msg.${lvl}`);
        assert.deepEqual(
          records().map((r) => r.level),
          expected[level],
        );
        assert.deepEqual(
          records().map((r) => r.msg),
          expected[level].map((l) => `msg.${l}`),
        );
      });
    }

    it('defaults to info', () => {
      const write = sinon.stub(process.stdout, 'write').returns(true);
      try {
        const logger = createLogger();
        logger.debug('hidden');
        logger.info('shown');
      } finally {
        write.restore();
      }
      assert.equal(write.callCount, 1);
      assert.match(String(write.firstCall.args[0]), /"msg":"shown"/);
    });
  });

  describe('lines', () => {
    it('writes one JSON object per call, with time, level, msg and fields', () => {
      const clock = sinon.useFakeTimers({ now: Date.UTC(2024, 0, 2, 3, 4, 5, 6), toFake: ['Date'] });
      const { logger, lines } = capture('debug');
      logger.info('command.missingkbs', { softwareId: 'microsoft-_-edge', kbs: 3, ok: true, none: null });
      clock.tick(1000);
      logger.warn('second');
      assert.equal(lines.length, 2);
      assert.deepEqual(JSON.parse(lines[0]), {
        time: '2024-01-02T03:04:05.006Z',
        level: 'info',
        msg: 'command.missingkbs',
        softwareId: 'microsoft-_-edge',
        kbs: 3,
        ok: true,
        none: null,
      });
      assert.deepEqual(JSON.parse(lines[1]), { time: '2024-01-02T03:04:06.006Z', level: 'warn', msg: 'second' });
    });

    it('starts each line with time, level and msg', () => {
      const { logger, lines } = capture('info');
      logger.info('m', { a: 1 });
      assert.deepEqual(Object.keys(JSON.parse(lines[0]) as object), ['time', 'level', 'msg', 'a']);
    });

    it('keeps each record on one line, whatever the message or fields hold', () => {
      const { logger, lines, records } = capture('debug');
      logger.error('multi\nline\r\nmessage', { text: 'a\nb', nested: { deep: ['x\ny'] }, u: '\u2028\u0000' });
      assert.equal(lines.length, 1);
      assert.doesNotMatch(lines[0], /[\n\r]/);
      assert.equal(records()[0].msg, 'multi\nline\r\nmessage');
      assert.deepEqual(records()[0].nested, { deep: ['x\ny'] });
    });

    it('writes to stdout with a newline by default', () => {
      const write = sinon.stub(process.stdout, 'write').returns(true);
      try {
        createLogger('debug').debug('to.stdout', { n: 1 });
      } finally {
        write.restore();
      }
      sinon.assert.calledOnce(write);
      const written = String(write.firstCall.args[0]);
      assert.ok(written.endsWith('}\n'));
      assert.equal(written.split('\n').length, 2);
      assert.equal((JSON.parse(written) as Record<string, unknown>).msg, 'to.stdout');
    });
  });

  describe('child', () => {
    it('adds its fields to every line', () => {
      const { logger, records } = capture('debug');
      const child = logger.child({ requestId: 'r-1', tenant: 't-1' });
      child.info('one');
      child.error('two', { extra: 2 });
      assert.deepEqual(
        records().map(({ msg, requestId, tenant, extra }) => ({ msg, requestId, tenant, extra })),
        [
          { msg: 'one', requestId: 'r-1', tenant: 't-1', extra: undefined },
          { msg: 'two', requestId: 'r-1', tenant: 't-1', extra: 2 },
        ],
      );
    });

    it('merges the fields of nested children, the nearer ones winning, and call fields last', () => {
      const { logger, records } = capture('debug');
      const grandchild = logger.child({ a: 1, b: 1 }).child({ b: 2, c: 2 });
      grandchild.info('x');
      grandchild.info('y', { c: 3, d: 3 });
      const [x, y] = records();
      assert.deepEqual([x.a, x.b, x.c, x.d], [1, 2, 2, undefined]);
      assert.deepEqual([y.a, y.b, y.c, y.d], [1, 2, 3, 3]);
    });

    it('leaves the parent unchanged', () => {
      const { logger, records } = capture('debug');
      logger.child({ requestId: 'r-1' });
      logger.info('parent');
      assert.equal(records()[0].requestId, undefined);
    });

    it('keeps the parent’s level and sink', () => {
      const { logger, lines } = capture('warn');
      const child = logger.child({ c: true });
      child.info('dropped');
      child.warn('kept');
      assert.equal(lines.length, 1);
      assert.match(lines[0], /"msg":"kept"/);
    });
  });

  describe('silent', () => {
    it('writes nothing at any level, children included', () => {
      const sink = sinon.spy();
      const logger = createLogger('silent', sink);
      for (const lvl of WRITABLE) logger[lvl]('x', { a: 1 });
      for (const lvl of WRITABLE) logger.child({ b: 2 })[lvl]('y');
      sinon.assert.notCalled(sink);
    });

    it('silentLogger writes nothing to stdout', () => {
      const write = sinon.stub(process.stdout, 'write').returns(true);
      try {
        for (const lvl of WRITABLE) silentLogger[lvl]('nothing');
        silentLogger.child({ a: 1 }).error('nothing either');
      } finally {
        write.restore();
      }
      sinon.assert.notCalled(write);
    });
  });
});

describe('errorFields', () => {
  it('gives message and name, without the stack by default', () => {
    const fields = errorFields(new TypeError('bad thing'));
    assert.deepEqual(fields, { error: 'bad thing', errorName: 'TypeError' });
    assert.equal('stack' in fields, false);
  });

  it('adds the stack when asked', () => {
    const err = new Error('with stack');
    const fields = errorFields(err, true);
    assert.equal(fields.stack, err.stack);
    assert.match(String(fields.stack), /with stack/);
  });

  it('adds a string code as errorCode, and ignores other codes', () => {
    const withCode = Object.assign(new Error('econn'), { code: 'ECONNRESET' });
    assert.deepEqual(errorFields(withCode), { error: 'econn', errorName: 'Error', errorCode: 'ECONNRESET' });
    const numeric = Object.assign(new Error('num'), { code: 42 });
    assert.deepEqual(errorFields(numeric), { error: 'num', errorName: 'Error' });
  });

  it('does not copy the cause or other properties', () => {
    const err = new Error('outer', { cause: new Error('Bearer secret-token') });
    Object.assign(err, { headers: { authorization: 'Bearer secret-token' } });
    assert.ok(!JSON.stringify(errorFields(err)).includes('secret-token'));
    assert.ok(!JSON.stringify(errorFields(err, true)).includes('secret-token'));
  });

  it('turns values that are not Errors into a string', () => {
    assert.deepEqual(errorFields('plain'), { error: 'plain' });
    assert.deepEqual(errorFields(42), { error: '42' });
    assert.deepEqual(errorFields(undefined), { error: 'undefined' });
    assert.deepEqual(errorFields(null), { error: 'null' });
    assert.deepEqual(errorFields({ message: 'object' }), { error: '[object Object]' });
  });

  it('gives fields a logger writes as JSON', () => {
    const { logger, records } = capture('debug');
    logger.error('failed', errorFields(Object.assign(new Error('boom'), { code: 'E1' })));
    const [record] = records();
    assert.equal(record.error, 'boom');
    assert.equal(record.errorName, 'Error');
    assert.equal(record.errorCode, 'E1');
    assert.equal(record.stack, undefined);
  });
});

describe('createLogger hardening', () => {
  it('never lets fields overwrite time, level or msg', () => {
    const lines: string[] = [];
    createLogger('debug', (l) => lines.push(l)).info('real', { level: 'error', msg: 'spoof', time: 'x' });
    const parsed = JSON.parse(lines[0]);
    assert.equal(parsed.level, 'info');
    assert.equal(parsed.msg, 'real');
    assert.notEqual(parsed.time, 'x');
    assert.ok(lines[0].startsWith('{"time":'));
  });

  it('describes values whose conversion to text throws', () => {
    const hostile = {
      toString: () => {
        throw new Error('no');
      },
    };
    assert.equal(errorFields(Object.create(null)).error, '[object Object]');
    assert.equal(errorFields(hostile).error, '[object Object]');
  });
});

describe('setOperationIdSource', () => {
  afterEach(() => setOperationIdSource(undefined));

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
