/** Who watches which software, and the outcome of its last check. */
import type { Actor } from '../conversations/types';
import type { PollTarget } from './target';

/** A conversation watching a piece of software. */
export interface WatchRecord {
  readonly softwareId: string;
  readonly conversationId: string;
  readonly addedBy: Actor;
  /** ISO date-time. */
  readonly addedAt: string;
  /** The conversation's tenant when the watch was added (counts against that tenant's cap). */
  readonly tenantId?: string;
}

/** The outcome of the last check of a watched software id (shown by `/missingkbs watching`). */
export interface CheckResult {
  /** ISO date-time. */
  readonly checkedAt: string;
  readonly ok: boolean;
  /** Missing KBs found (ok) or the catalogue error code (not ok). */
  readonly kbs?: number;
  readonly errorCode?: string;
}

/** Which conversations watch which software. */
export interface WatchList {
  /** Every software id that at least one active conversation watches, once per tenant of those conversations. */
  watchedSoftware(): Promise<PollTarget[]>;
  /** The watches of one software id, in every tenant (check each conversation's tenant). */
  watchersOf(softwareId: string): Promise<WatchRecord[]>;
  /** Records the outcome of a check in one tenant, for `/missingkbs watching` there. */
  recordCheck(target: PollTarget, result: CheckResult): Promise<void>;
}
