/** Runs storeWorker.js in child processes: start several, let them go together, collect their results. */
import path from 'node:path';
import { readyLine, startChild } from './child';
import type { WorkerTask } from './storeWorker';

/** Starts a worker on `task` (compiled script from dist, run by this Node). */
export function startWorker(task: WorkerTask) {
  const worker = startChild(process.execPath, [path.join(__dirname, 'storeWorker.js')], {
    env: { APPLICATION_INSIGHTS_NO_STATSBEAT: 'true' },
    stdin: true,
  });
  const stdin = worker.child.stdin!;
  stdin.write(JSON.stringify(task) + '\n');
  const result = worker.exited.then(({ code }) => {
    const line = worker
      .output()
      .split('\n')
      .find((l) => l.startsWith('{'));
    const parsed = line ? (JSON.parse(line) as { result?: unknown; error?: string }) : undefined;
    if (code === 0 && parsed && 'result' in parsed) return parsed.result;
    throw new Error(`store worker failed (exit ${code}):\n${worker.output()}`);
  });
  // Marked handled: a worker killed before `go` (another failed) must not raise an unhandled rejection.
  result.catch(() => undefined);
  // A worker that dies before `ready` must not leave a test waiting for it.
  const ready = readyLine(worker, /^ready$/m, 20_000, 'ready').then(() => undefined);
  return { ready, go: () => stdin.end('go\n'), result, kill: () => worker.child.kill('SIGKILL') };
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
