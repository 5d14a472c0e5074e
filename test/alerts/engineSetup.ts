/** An AlertEngine on a MemoryStore with fakes around it, and a Defender whose data a test changes. */
import { AlertEngine, type AlertEngineOptions } from '../../src/alerts/engine';
import type { MissingKb } from '../../src/defender/types';
import { silentLogger } from '../../src/log';
import { MemoryStore } from '../../src/storage/memory';
import type { AppStorage } from '../../src/storage/types';
import { FAKE_TENANT, FakeDirectory, FakeWatchList, RecordingPoster } from '../support/alertFakes';
import { result } from '../support/kbs';

export const EDGE = 'microsoft-_-edge';
/** Edge in the fakes' tenant, as the poller polls it. */
export const AT_EDGE = { tenantId: FAKE_TENANT, softwareId: EDGE };
export const HOUR = 3_600_000;

/** Shared state of one scenario: what Defender answers, the store, the fakes, a clock. */
export class Scenario {
  readonly watches = new FakeWatchList();
  readonly directory = new FakeDirectory();
  readonly poster = new RecordingPoster();
  readonly data = new Map<string, MissingKb[]>();
  /** Defender failures to throw instead of answering, per id. */
  readonly failures = new Map<string, Error>();
  fetches = 0;
  now = Date.parse('2026-11-27T08:00:00Z');

  constructor(readonly store: AppStorage = new MemoryStore()) {}

  /** An engine (one bot instance) on this scenario's store. */
  engine(overrides: Partial<AlertEngineOptions> = {}, owner = 'instance-a'): AlertEngine {
    return new AlertEngine({
      store: this.store,
      owner,
      watches: this.watches,
      conversations: this.directory,
      post: this.poster.post,
      source: (_tenantId, id) => {
        this.fetches++;
        const failure = this.failures.get(id);
        if (failure) return Promise.reject(failure);
        return Promise.resolve(result(this.data.get(id) ?? [], { softwareId: id }));
      },
      minDeviceDelta: 5,
      intervalMs: HOUR,
      logger: silentLogger,
      clock: () => this.now,
      delivery: { retries: 1, backoffMs: 1 },
      fallbackTenantId: FAKE_TENANT,
      ...overrides,
    });
  }

  /** Moves the clock to the next round. */
  nextRound(): void {
    this.now += HOUR;
  }
}
