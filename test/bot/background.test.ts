/** BackgroundWork: failures are logged not thrown, and shutdown waits, then aborts what overruns. */
import assert from 'node:assert/strict';
import { BackgroundWork } from '../../src/bot/background';
import { createLogger } from '../../src/log';

describe('BackgroundWork', () => {
  it('logs a failing task instead of throwing and forgets it, and waits for running tasks when draining', async () => {
    const lines: string[] = [];
    const work = new BackgroundWork(createLogger('debug', (l) => lines.push(l)));
    let finished = false;
    work.run('boom', () => Promise.reject(new Error('kaput')));
    work.run('slow', () => new Promise((r) => setTimeout(r, 100)).then(() => void (finished = true)));
    await work.drain(2000);
    assert.ok(finished);
    assert.equal(work.size, 0);
    assert.deepEqual([JSON.parse(lines[0]).msg, JSON.parse(lines[0]).task], ['bot.background_failed', 'boom']);
  });

  it('aborts tasks that outlast the grace period', async () => {
    const work = new BackgroundWork(createLogger('silent'));
    let aborted = false;
    work.run(
      'stuck',
      (signal) =>
        new Promise<void>((resolve) =>
          signal.addEventListener('abort', () => {
            aborted = true;
            resolve();
          }),
        ),
    );
    const started = Date.now();
    await work.drain(100);
    assert.ok(aborted);
    assert.ok(Date.now() - started < 1000);
  });

  it('abandons it after the settle time and logs it, instead of waiting forever', async () => {
    const lines: string[] = [];
    const work = new BackgroundWork(createLogger('warn', (line) => lines.push(line)));
    let release = (): void => undefined;
    work.run('deaf', () => new Promise<void>((resolve) => (release = resolve)));
    await work.drain(20, 20);
    assert.equal(work.size, 1, 'still running, but no longer waited for');
    assert.ok(
      lines.some((line) => line.includes('bot.background_abandoned')),
      lines.join('\n'),
    );
    release();
  });
});
