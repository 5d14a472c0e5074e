/** Starts a bench server (./server.ts) in a child process and asks it for its CPU time and memory. */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startFlags } from '../lib/startCommand';
import type { ServerStats } from './server';

/**
 * Which bot: ours (bot-plain-card: replying with the bare bot's card), the bare bot doing the same job
 * (bareBot.ts; bare-card: with our card), or an echo bot (echoBot.ts).
 */
export type BotKind = 'bot' | 'bot-plain-card' | 'bare' | 'bare-card' | 'echo' | 'echo-later';

/** A bot running in a child process. */
export interface ChildBot {
  readonly url: string;
  stats(): Promise<ServerStats>;
  stop(): Promise<void>;
}

/**
 * Forks `server.js kind` with `env` (on top of a minimal base: no inherited settings), with --expose-gc and
 * npm start's node flags (the heap bound the image and App Service use), whichever bot it is;
 * BENCH_PROFILE=1 adds --cpu-prof, writing a profile per process to build/profiles.
 */
export async function startChild(kind: BotKind, env: Record<string, string> = {}): Promise<ChildBot> {
  const execArgv = ['--expose-gc', ...startFlags()];
  if (process.env.BENCH_PROFILE === '1') execArgv.push('--cpu-prof', '--cpu-prof-dir=build/profiles');
  // Our bot gets a store of its own, removed at stop: ./data would carry conversations over from earlier runs.
  const dataDir =
    !kind.startsWith('bot') || env.DATA_DIR ? undefined : mkdtempSync(path.join(os.tmpdir(), 'mkbs-bench-'));
  const removeStore = (): void => {
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  const child = fork(path.join(__dirname, 'server.js'), [kind], {
    execArgv,
    env: {
      PATH: process.env.PATH ?? '',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      ...(dataDir ? { DATA_DIR: dataDir } : {}),
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m: { port?: number }) => (m.port ? resolve(m.port) : reject(new Error('no port'))));
    child.once('exit', (code) => reject(new Error(`bench server ${kind} exited with ${code}`)));
  }).catch(async (err: unknown) => {
    await stop(child);
    removeStore();
    throw err;
  });
  return {
    url: `http://127.0.0.1:${port}`,
    stats: () => ask(child),
    stop: async () => {
      await stop(child);
      removeStore();
    },
  };
}

/** Starts several bots at once (start-up is not measured); if one fails, the others are stopped before it throws. */
export async function startChildren(specs: readonly [BotKind, Record<string, string>?][]): Promise<ChildBot[]> {
  const started = await Promise.allSettled(specs.map(([kind, env]) => startChild(kind, env)));
  const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  const bots = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  if (!failed) return bots;
  await Promise.all(bots.map((bot) => bot.stop()));
  throw failed.reason;
}

function ask(child: ChildProcess): Promise<ServerStats> {
  return new Promise((resolve) => {
    child.once('message', (m: ServerStats) => resolve(m));
    child.send({ cmd: 'stats' });
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    // Disconnecting lets the child exit on its own, so --cpu-prof writes its profile.
    child.disconnect();
  });
}
