/**
 * A Defender stand-in for the benchmark: answers `getmissingkbs` with `kbs` KBs after `delayMs`,
 * records when each call arrived (on the clock given, so a compressed clock can stand for minutes),
 * and, like Defender, answers 429 with Retry-After once more than `limitPerMinute` calls came in a minute.
 */
import { realClock, type Clock } from '../../src/time';
import { odata, odataError } from '../../test/support/fakeDefender';
import { many } from '../../test/support/kbs';
import { startHttp, type Started } from '../../test/support/http';

/** How the stand-in answers. */
export interface UpstreamOptions {
  readonly delayMs?: number;
  readonly kbs?: number;
  readonly limitPerMinute?: number;
  readonly clock?: Clock;
}

/** The stand-in and what it saw. */
export class BenchDefender {
  /** Arrival times (on the clock) of the calls answered 200. */
  readonly calls: number[] = [];
  /** 429s answered. */
  throttled = 0;

  private constructor(
    private readonly started: Started,
    private readonly options: UpstreamOptions,
  ) {}

  /** Starts the stand-in on a free loopback port. */
  static async start(options: UpstreamOptions = {}): Promise<BenchDefender> {
    const body = JSON.stringify(odata(many(options.kbs ?? 10)));
    const holder: { self?: BenchDefender } = {};
    const started = await startHttp((_req, res) => {
      const self = holder.self!;
      const answer = (): void => {
        const wait = self.retryAfterSeconds();
        if (wait > 0) {
          self.throttled++;
          res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(wait) });
          res.end(JSON.stringify(odataError('TooManyRequests', 'Rate limit is exceeded')));
          return;
        }
        self.calls.push(self.clock.now());
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
        res.end(body);
      };
      if (options.delayMs) setTimeout(answer, options.delayMs);
      else answer();
    });
    holder.self = new BenchDefender(started, options);
    return holder.self;
  }

  get url(): string {
    return this.started.url;
  }

  /** Most calls answered within any window of `windowMs` on the clock. */
  busiestWindow(windowMs = 60_000): number {
    let most = 0;
    let from = 0;
    for (let to = 0; to < this.calls.length; to++) {
      while (this.calls[to] - this.calls[from] >= windowMs) from++;
      most = Math.max(most, to - from + 1);
    }
    return most;
  }

  close(): Promise<void> {
    return this.started.close();
  }

  private get clock(): Clock {
    return this.options.clock ?? realClock;
  }

  /** Seconds until a call would fit Defender's per-minute limit again; 0 when it fits now. */
  private retryAfterSeconds(): number {
    const limit = this.options.limitPerMinute;
    if (limit === undefined || this.calls.length < limit) return 0;
    const oldest = this.calls[this.calls.length - limit];
    const wait = oldest + 60_000 - this.clock.now();
    return wait > 0 ? Math.ceil(wait / 1000) : 0;
  }
}
