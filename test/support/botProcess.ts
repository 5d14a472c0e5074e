/** Runs the bot as `npm start` does, in a process of its own (`node dist/src/index.js`), for tests of the entry point. */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { waitFor } from './http';
import { removeDataDir, tempDataDir } from './tempDir';

/** A started bot process, everything it wrote to stdout and stderr so far (`output()`), and how it ended (`exited`). */
export type BotProcess = Awaited<ReturnType<typeof spawnBot>>;

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** How to start the bot: this checkout's `node dist/src/index.js` unless a test starts another tree or image. */
export interface BotCommand {
  readonly file: string;
  readonly args: readonly string[];
  readonly cwd?: string;
}

const THIS_CHECKOUT: BotCommand = { file: process.execPath, args: ['--disable-warning=DEP0111', 'dist/src/index.js'] };

/** Spawns the bot with exactly `env` (plus PATH, a free PORT, and a DATA_DIR of its own, removed when it exits, unless `env` names the storage) and waits until it listens (killed if it does not). */
export async function spawnBot(
  env: Record<string, string>,
  listenTimeoutMs = 30_000,
  command: BotCommand = THIS_CHECKOUT,
) {
  const port = await freePort();
  const dataDir = env.DATA_DIR || env.STORAGE ? undefined : tempDataDir();
  const child = spawn(command.file, command.args, {
    cwd: command.cwd,
    env: {
      PATH: process.env.PATH ?? '',
      HOST: '127.0.0.1',
      ...(dataDir && { DATA_DIR: dataDir }),
      ...env,
      PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      removeDataDir(dataDir);
      resolve({ code, signal });
    }),
  );
  const started = await Promise.race([
    waitFor(() => (output.includes('server.listening') ? true : undefined), listenTimeoutMs, 'the bot to listen'),
    exited.then(() => false),
  ]).catch((err: unknown) => {
    child.kill('SIGKILL');
    throw new Error(`${err instanceof Error ? err.message : String(err)}:\n${output}`);
  });
  if (!started) throw new Error(`the bot exited before listening:\n${output}`);
  return { child, url: `http://127.0.0.1:${port}`, output: () => output, exited };
}
