/**
 * What an alert card says, as plain data without language: kept in the outbox entry, so the card
 * is rendered when it is sent, in the language of the conversation it goes to.
 */
import type { MissingKb, MissingKbsResult } from '../defender/types';
import type { KbDiff } from './diff';

/** KBs listed in an alert at most; the rest are counted. */
export const MAX_ALERT_KBS = 15;

/** baseline: first poll of a watch; change: the diff alerted; notify: the webhook was called. */
export type AlertKind = 'baseline' | 'change' | 'notify';

/** One KB in an alert. */
export interface AlertKb {
  readonly id: string;
  readonly name: string;
  readonly url?: string;
  readonly devices: number;
  readonly cves: number;
  /** Reference device count it grew from (grown KBs only). */
  readonly before?: number;
  /** Newly missing (change alerts only). */
  readonly isNew?: boolean;
}

/** Everything an alert card shows. */
export interface AlertPayload {
  readonly kind: AlertKind;
  readonly softwareId: string;
  /** ISO date-time of the Defender read. */
  readonly checkedAt: string;
  /** KBs missing now. */
  readonly totalKbs: number;
  /** False when Defender's answer may be partial. */
  readonly complete: boolean;
  /** The webhook caller's message (notify only): shown as plain text. */
  readonly message?: string;
  readonly newCount: number;
  readonly grownCount: number;
  /** KBs no longer missing, with the first few ids. */
  readonly resolvedCount: number;
  readonly resolved: readonly string[];
  /** The KBs shown: new then grown (change), or worst first (baseline, notify); at most MAX_ALERT_KBS. */
  readonly kbs: readonly AlertKb[];
}

/** The payload of a change alert. */
export function changePayload(diff: KbDiff, result: MissingKbsResult, checkedAt: string): AlertPayload {
  const items = [
    ...diff.newKbs.map((kb) => ({ ...entry(kb), isNew: true })),
    ...diff.grown.map(({ kb, before }) => ({ ...entry(kb), before })),
  ];
  return {
    ...common('change', result, checkedAt),
    newCount: diff.newKbs.length,
    grownCount: diff.grown.length,
    resolvedCount: diff.resolved.length,
    resolved: diff.resolved.slice(0, MAX_ALERT_KBS),
    kbs: items.slice(0, MAX_ALERT_KBS),
  };
}

/** The payload of a summary of the current state: first poll of a watch, or a webhook call. */
export function statePayload(
  kind: 'baseline' | 'notify',
  result: MissingKbsResult,
  checkedAt: string,
  message?: string,
): AlertPayload {
  const worst = [...result.kbs]
    .sort((a, b) => b.machineMissedOn - a.machineMissedOn || b.cveAddressed - a.cveAddressed)
    .slice(0, MAX_ALERT_KBS);
  return {
    ...common(kind, result, checkedAt),
    ...(message === undefined ? {} : { message }),
    newCount: 0,
    grownCount: 0,
    resolvedCount: 0,
    resolved: [],
    kbs: worst.map(entry),
  };
}

function common(kind: AlertKind, result: MissingKbsResult, checkedAt: string) {
  return { kind, softwareId: result.softwareId, checkedAt, totalKbs: result.kbs.length, complete: result.complete };
}

function entry(kb: MissingKb): AlertKb {
  return {
    id: kb.id,
    name: kb.name.slice(0, 300),
    ...(kb.url ? { url: kb.url.slice(0, 500) } : {}),
    devices: kb.machineMissedOn,
    cves: kb.cveAddressed,
  };
}
