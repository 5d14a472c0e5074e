/**
 * What changed in the missing KBs of one software since the last stored snapshot. Pure.
 *
 * The snapshot keeps, per KB, a reference device count: the count when the KB was last alerted on
 * (or first seen), lowered when the count falls. Growth is measured from it, so slow growth adds up
 * until it reaches the threshold instead of hiding below it one poll at a time, and a count that
 * falls then climbs back is compared with its low point.
 */
import type { MissingKb, MissingKbsResult } from '../defender/types';

/** The part of a snapshot the diff reads and writes. */
export interface KbState {
  /** KB id → reference device count. */
  readonly kbs: Readonly<Record<string, number>>;
  /** KBs no longer missing since the last alert, reported with the next one. */
  readonly resolved: readonly string[];
}

/** A KB missing on more devices than its reference count. */
export interface GrownKb {
  readonly kb: MissingKb;
  readonly before: number;
}

/** The outcome of comparing a result with the previous state. */
export interface KbDiff {
  /** KBs missing now and absent from the previous state, most devices first. */
  readonly newKbs: readonly MissingKb[];
  /** KBs whose device count grew by at least the threshold, largest growth first. */
  readonly grown: readonly GrownKb[];
  /** KBs no longer missing (since the last alert), sorted. Never an alert on their own. */
  readonly resolved: readonly string[];
  /** Whether this deserves an alert (something new or grown). */
  readonly alert: boolean;
  /** The state to store next. */
  readonly next: KbState;
}

/**
 * Compares `current` with `previous`. `minDelta` (>= 1) is the growth in devices that alerts.
 * When Defender's answer was incomplete, KBs it did not list are kept, not counted as resolved.
 */
export function diffKbs(previous: KbState, current: MissingKbsResult, minDelta: number): KbDiff {
  const threshold = Math.max(1, Math.floor(minDelta));
  const seen = new Map<string, MissingKb>();
  for (const kb of current.kbs) {
    // Defender may list a KB twice (paging overlap): keep the larger count.
    const other = seen.get(kb.id);
    if (!other || kb.machineMissedOn > other.machineMissedOn) seen.set(kb.id, kb);
  }
  const newKbs: MissingKb[] = [];
  const grown: GrownKb[] = [];
  const next: Record<string, number> = {};
  for (const [id, kb] of seen) {
    const before = previous.kbs[id];
    if (before === undefined) {
      newKbs.push(kb);
      next[id] = kb.machineMissedOn;
    } else if (kb.machineMissedOn - before >= threshold) {
      grown.push({ kb, before });
      next[id] = kb.machineMissedOn;
    } else {
      next[id] = Math.min(before, kb.machineMissedOn);
    }
  }
  const gone = Object.keys(previous.kbs).filter((id) => !seen.has(id));
  if (!current.complete) for (const id of gone) next[id] = previous.kbs[id];
  const resolvedNow = current.complete ? gone : [];
  const alert = newKbs.length > 0 || grown.length > 0;
  // A KB that came back is new again, so it leaves the resolved list.
  const resolvedSet = new Set([...previous.resolved.filter((id) => !seen.has(id)), ...resolvedNow]);
  const resolved = [...resolvedSet].sort(compareIds);
  newKbs.sort((a, b) => b.machineMissedOn - a.machineMissedOn || compareIds(a.id, b.id));
  grown.sort(
    (a, b) => b.kb.machineMissedOn - b.before - (a.kb.machineMissedOn - a.before) || compareIds(a.kb.id, b.kb.id),
  );
  return { newKbs, grown, resolved, alert, next: { kbs: sortedRecord(next), resolved: alert ? [] : resolved } };
}

/** The state of a first poll: every KB at its current count. */
export function baselineState(current: MissingKbsResult): KbState {
  return diffKbs({ kbs: {}, resolved: [] }, current, 1).next;
}

/** Shorter ids first, then text order: numeric order for KB numbers. */
function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

function sortedRecord(values: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const key of Object.keys(values).sort(compareIds)) out[key] = values[key];
  return out;
}
