/**
 * What the production-install and container tests share: which installed folders belong to development only
 * (from the lock file), the command both ask a started bot, commands run with their output kept, and a hook
 * that lists the modules a process loaded.
 */
import assert from 'node:assert/strict';
import { spawn, type SpawnOptions } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { spawnBot, type BotCommand, type BotProcess } from '../support/botProcess';
import { isRunning } from '../support/child';
import { FakeConnector } from '../support/fakeConnector';
import { cardOf, cardText, teamsActivity } from '../support/harness';
import { postActivity } from '../support/http';

/** Folders (`node_modules/typescript`, ...) of the packages a lock file marks as needed for development only. */
export function devOnlyFolders(lockFile: string): string[] {
  const lock = JSON.parse(readFileSync(lockFile, 'utf8')) as { packages: Record<string, { dev?: boolean }> };
  return Object.entries(lock.packages)
    .filter(([folder, entry]) => folder !== '' && entry.dev === true)
    .map(([folder]) => folder);
}

/** The development-only packages still installed under `root` (a folder holding their package.json). */
export function devPackagesPresent(root: string, lockFile: string): string[] {
  return devOnlyFolders(lockFile).filter((folder) => existsSync(path.join(root, folder, 'package.json')));
}

/** A fake Bot Connector for the describe block, and a way to start the bot (killed after, if a test left it running). */
export function useConnectorAndBot(): {
  connector: () => FakeConnector;
  start: (env: Record<string, string>, command: BotCommand) => Promise<BotProcess>;
} {
  let connector: FakeConnector | undefined;
  let bot: BotProcess | undefined;
  before(async () => {
    connector = await FakeConnector.start();
  });
  after(async () => {
    if (bot && isRunning(bot)) bot.child.kill('SIGKILL');
    await connector?.close();
  });
  return {
    connector: () => connector!,
    // Trees and images read from a cold disk for the first time take longer than the usual 15 s to listen.
    start: async (env, command) => (bot = await spawnBot(env, 60_000, command)),
  };
}

/** Sends `/missingkbs microsoft-_-edge` from a Teams personal chat; returns the text of the card the bot replies with. */
export async function askEdge(bot: BotProcess, connector: FakeConnector): Promise<string> {
  const activity = teamsActivity('personal-message', connector.serviceUrl, '/missingkbs microsoft-_-edge');
  const { status } = await postActivity(bot.url, activity);
  assert.equal(status, 200, bot.output());
  const [reply] = await connector.waitForMessages(1, 20_000);
  const card = cardOf(reply.activity);
  assert.ok(card, `the reply is a card:\n${bot.output()}`);
  return cardText(card);
}

/** Runs a command to its end: resolves with its stdout and duration in seconds; rejects with its last output lines when it fails. */
export function run(
  file: string,
  args: readonly string[],
  options: SpawnOptions = {},
): Promise<{ stdout: string; seconds: number }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    for (const stream of [child.stdout, child.stderr]) {
      stream?.on('data', (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-20_000)));
    }
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0) resolve({ stdout, seconds: (Date.now() - started) / 1000 });
      else reject(new Error(`${file} ${args.join(' ')} ended with ${code ?? signal}:\n${output}`));
    });
  });
}

/** Writes a `--require` hook into `dir` that saves the paths of every CommonJS module loaded, at exit, to `out`. */
export function moduleTraceHook(dir: string): { hook: string; out: string } {
  const hook = path.join(dir, 'trace-modules.js');
  const out = path.join(dir, 'loaded-modules.json');
  writeFileSync(
    hook,
    `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(out)}, ` +
      'JSON.stringify(Object.keys(require.cache))));\n',
  );
  return { hook, out };
}

/** Size in MB of folders, as `du` counts disk use. */
export async function sizeMb(folders: readonly string[]): Promise<number> {
  const { stdout } = await run('du', ['-s', '-k', '-c', ...folders]);
  const total = stdout.trim().split('\n').pop() ?? '';
  return Math.round(Number.parseInt(total, 10) / 1024);
}
