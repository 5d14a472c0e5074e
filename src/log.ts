/** Structured logging: one JSON object per line, filtered by level. Never pass tokens or secrets. */
import type { LogLevel } from './config';

/** The levels are configuration's (LOG_LEVEL); re-exported for the logger's users. */
export { LOG_LEVELS, type LogLevel } from './config';

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/** Fields attached to a log line. */
export type LogFields = Record<string, unknown>;

/** The logger every module receives; `child` adds fields to every line it writes. */
export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

/** Where finished lines go; stdout by default, an array in tests. */
export type LogSink = (line: string) => void;

const stdoutSink: LogSink = (line) => {
  process.stdout.write(line + '\n');
};

/** Turns an Error into plain fields (name, message, code) without its stack unless asked. */
export function errorFields(err: unknown, withStack = false): LogFields {
  if (!(err instanceof Error)) return { error: safeString(err) };
  const out: LogFields = { error: err.message, errorName: err.name };
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') out.errorCode = code;
  if (withStack && err.stack) out.stack = err.stack;
  return out;
}

/** The operation id of the work in progress (telemetry sets this; none while it is off). */
let operationIdSource: (() => string | undefined) | undefined;

/** Lines get `operationId` (Application Insights' operation id, the trace id) from `source` when it gives one. */
export function setOperationIdSource(source: (() => string | undefined) | undefined): void {
  operationIdSource = source;
}

/** Creates a JSON-lines logger at the given level. */
export function createLogger(level: LogLevel = 'info', sink: LogSink = stdoutSink, base: LogFields = {}): Logger {
  const threshold = RANK[level];
  const write = (lvl: Exclude<LogLevel, 'silent'>, msg: string, fields?: LogFields): void => {
    if (RANK[lvl] < threshold) return;
    const head = { time: new Date().toISOString(), level: lvl, msg };
    // Fields never overwrite time, level or msg; the head stays first in the line.
    const operationId = operationIdSource?.();
    sink(JSON.stringify({ ...head, ...base, ...fields, ...(operationId ? { operationId } : {}), ...head }));
  };
  return {
    debug: (msg, fields) => write('debug', msg, fields),
    info: (msg, fields) => write('info', msg, fields),
    warn: (msg, fields) => write('warn', msg, fields),
    error: (msg, fields) => write('error', msg, fields),
    child: (fields) => createLogger(level, sink, { ...base, ...fields }),
  };
}

/** A logger that writes nothing. */
export const silentLogger: Logger = createLogger('silent');

/** String(value), even for values whose conversion throws (null-prototype objects, hostile toString). */
export function safeString(value: unknown): string {
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}
