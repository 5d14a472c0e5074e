/**
 * Work that goes on after the HTTP request that started it was answered. Teams gives a bot about
 * 15 seconds to answer an activity, so slow lookups reply later, through the Bot Connector.
 */
import { setMaxListeners } from 'node:events';
import { errorFields, type Logger } from '../log';

/** Tracks background tasks so shutdown can wait for them, and abort the ones that overrun. */
export class BackgroundWork {
  private readonly tasks = new Set<Promise<void>>();
  private readonly controller = new AbortController();

  constructor(private readonly logger: Logger) {
    // Every running lookup listens to the shutdown signal: many at once is normal, not a leak.
    setMaxListeners(0, this.controller.signal);
  }

  /** Tasks still running. */
  get size(): number {
    return this.tasks.size;
  }

  /** Starts a task; a failure is logged, never thrown. */
  run(name: string, task: (signal: AbortSignal) => Promise<void>): void {
    const running: Promise<void> = task(this.controller.signal)
      .catch((err: unknown) => this.logger.error('bot.background_failed', { task: name, ...errorFields(err, true) }))
      .finally(() => this.tasks.delete(running));
    this.tasks.add(running);
  }

  /**
   * Waits for running tasks up to `timeoutMs`, then aborts the rest and gives them `settleMs` more to
   * settle; a task that ignores the abort is abandoned (and logged) rather than waited for forever.
   */
  async drain(timeoutMs: number, settleMs = 1000): Promise<void> {
    if (this.tasks.size === 0) return;
    const all = Promise.allSettled([...this.tasks]);
    if (await settledWithin(all, timeoutMs)) return;
    this.logger.warn('bot.background_aborted', { tasks: this.tasks.size });
    this.controller.abort(new Error('shutting down'));
    if (!(await settledWithin(all, settleMs)))
      this.logger.error('bot.background_abandoned', { tasks: this.tasks.size });
  }
}

/** Whether `promise` settles within `ms`. */
async function settledWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  const outcome = await Promise.race([promise.then(() => true as const), expired]);
  clearTimeout(timer);
  return outcome;
}
