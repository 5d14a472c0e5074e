/** Child processes for the tests (the bot, Azurite, store workers): a bare environment, their output collected, ready when a line says so, stopped gently, and killed if the test run exits first. */
import { spawn, type ChildProcess } from 'node:child_process';
import { waitFor } from './http';

/** A started child process, everything it wrote to stdout and stderr so far (`output()`), and how it ended (`exited`). */
export interface Child {
  readonly child: ChildProcess;
  output(): string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const running = new Set<ChildProcess>();
process.once('exit', () => running.forEach((child) => child.kill('SIGKILL')));

/** Spawns `file args` with exactly `env` plus PATH; stdin is a pipe when `stdin` says so, else ignored. */
export function startChild(
  file: string,
  args: readonly string[],
  options: { env: Record<string, string>; cwd?: string; stdin?: boolean },
): Child {
  const child = spawn(file, args, {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? '', ...options.env },
    stdio: [options.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  for (const stream of [child.stdout, child.stderr]) {
    // Decoded as a stream, so a character split between two chunks stays whole.
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => (output += chunk));
  }
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    }),
  );
  return { child, output: () => output, exited };
}

/** The first match of `ready` in the output; when the child exits first or `timeoutMs` passes, kills it and rejects with the output. */
export async function readyLine(
  started: Child,
  ready: RegExp,
  timeoutMs: number,
  what: string,
): Promise<RegExpExecArray> {
  const match = await Promise.race([
    waitFor(() => ready.exec(started.output()) ?? undefined, timeoutMs, what),
    started.exited.then(() => undefined),
  ]).catch(() => undefined);
  if (match) return match;
  started.child.kill('SIGKILL');
  throw new Error(`no ${what} before the process exited or ${timeoutMs} ms passed:\n${started.output()}`);
}

/** Whether the process has not exited yet. */
export function isRunning({ child }: Child): boolean {
  return child.exitCode === null && child.signalCode === null;
}

/** SIGTERM, SIGKILL if it lingers `graceMs`; resolves once it exited, with how. */
export async function stopChild(started: Child, graceMs: number): Promise<{ code: number | null }> {
  if (isRunning(started)) started.child.kill('SIGTERM');
  const timer = setTimeout(() => isRunning(started) && started.child.kill('SIGKILL'), graceMs);
  const exit = await started.exited;
  clearTimeout(timer);
  return exit;
}
