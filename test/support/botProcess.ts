/** Runs the bot as `npm start` does (its node flags, `dist/src/index.js`), in a process of its own, for tests of the entry point. */
import { createServer } from 'node:http';
import { startFlags } from '../../scripts/lib/startCommand';
import { readyLine, startChild, type Child } from './child';
import { listen } from './http';
import { removeDataDir, tempDataDir } from './tempDir';

/** A started bot process (its output, how it ended) and its URL. */
export type BotProcess = Child & { readonly url: string };

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = await listen(createServer());
  await server.close();
  return server.port;
}

/** How to start the bot: this checkout's `node dist/src/index.js` unless a test starts another tree or image. */
export interface BotCommand {
  readonly file: string;
  readonly args: readonly string[];
  readonly cwd?: string;
}

const THIS_CHECKOUT: BotCommand = { file: process.execPath, args: [...startFlags(), 'dist/src/index.js'] };

/** Spawns the bot with exactly `env` (plus PATH, a free PORT, and a DATA_DIR of its own, removed when it exits, unless `env` names the storage) and waits until it listens (killed if it does not). */
export async function spawnBot(
  env: Record<string, string>,
  listenTimeoutMs = 30_000,
  command: BotCommand = THIS_CHECKOUT,
): Promise<BotProcess> {
  const port = await freePort();
  const dataDir = env.DATA_DIR || env.STORAGE ? undefined : tempDataDir();
  const started = startChild(command.file, command.args, {
    cwd: command.cwd,
    env: { HOST: '127.0.0.1', ...(dataDir && { DATA_DIR: dataDir }), ...env, PORT: String(port) },
  });
  const exited = started.exited.then((exit) => {
    removeDataDir(dataDir);
    return exit;
  });
  await readyLine(started, /server\.listening/, listenTimeoutMs, 'server.listening');
  return { ...started, exited, url: `http://127.0.0.1:${port}` };
}
