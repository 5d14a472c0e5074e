/** Runs storeWorker.js in child processes: start several, let them go together, collect their results. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { WorkerTask } from './storeWorker';

const running = new Set<ChildProcess>();
process.once('exit', () => running.forEach((child) => child.kill('SIGKILL')));

/** Starts a worker on `task` (compiled script from dist, run by this Node). */
export function startWorker(task: WorkerTask) {
  const child = spawn(process.execPath, [path.join(__dirname, 'storeWorker.js')], {
    env: { PATH: process.env.PATH ?? '', APPLICATION_INSIGHTS_NO_STATSBEAT: 'true' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  running.add(child);
  child.stdin.write(JSON.stringify(task) + '\n');
  let output = '';
  let signalReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (signalReady = resolve));
  // Decoded as a stream, so a character split between two chunks stays whole.
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    output += chunk;
    if (/^ready$/m.test(output)) signalReady();
  });
  child.stderr.on('data', (chunk: string) => (output += chunk));
  const result = new Promise<unknown>((resolve, reject) => {
    child.once('exit', (code) => {
      running.delete(child);
      const line = output.split('\n').find((l) => l.startsWith('{'));
      const parsed = line ? (JSON.parse(line) as { result?: unknown; error?: string }) : undefined;
      if (code === 0 && parsed && 'result' in parsed) resolve(parsed.result);
      else reject(new Error(`store worker failed (exit ${code}):\n${output}`));
    });
  });
  // A worker that dies before `ready` must not leave a test waiting for it.
  const readyOrFailed = Promise.race([ready, result.then(() => undefined)]);
  return { ready: readyOrFailed, go: () => child.stdin.end('go\n'), result, kill: () => child.kill('SIGKILL') };
}

/** Starts workers, waits until all are ready, lets them go at once, and returns their results. */
export async function runTogether(tasks: WorkerTask[]): Promise<unknown[]> {
  const workers = tasks.map(startWorker);
  try {
    await Promise.all(workers.map((w) => w.ready));
    workers.forEach((w) => w.go());
    return await Promise.all(workers.map((w) => w.result));
  } catch (err) {
    workers.forEach((w) => w.kill());
    throw err;
  }
}
