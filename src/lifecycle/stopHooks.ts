/**
 * What the application closes when it stops, after in-flight replies: stores, pollers, timers. Parts
 * register as they are built; they are closed in reverse order, so a part closes before what it uses
 * (an alerts poller registered after the storage it writes to is stopped first).
 */
import { errorFields, type Logger } from '../log';
import { withTimeout } from '../time';

/** Closes one part; may be async. */
export type CloseFn = () => Promise<void> | void;

/** An ordered list of close hooks, each bounded in time, run once. */
export class StopHooks {
  private readonly hooks: { readonly name: string; readonly close: CloseFn }[] = [];

  constructor(
    private readonly logger: Logger,
    private readonly hookTimeoutMs = 5000,
  ) {}

  /** Registers `close` under `name`; hooks run last registered, first closed. */
  add(name: string, close: CloseFn): void {
    this.hooks.push({ name, close });
  }

  /** Runs every hook in reverse order; a failing or hanging hook is logged and the next one still runs. */
  async closeAll(): Promise<void> {
    for (const { name, close } of this.hooks.splice(0).reverse()) {
      try {
        await withTimeout(Promise.resolve().then(close), this.hookTimeoutMs, `closing ${name}`);
        this.logger.debug('app.closed', { part: name });
      } catch (err) {
        this.logger.error('app.close_failed', { part: name, ...errorFields(err) });
      }
    }
  }
}
