/** What the poller polls: a watched software id in one organisation (see src/conversations/tenant.ts). */

/** One unit of polling: a software id in one organisation. */
export interface PollTarget {
  /** Entra tenant id, lower case. */
  readonly tenantId: string;
  readonly softwareId: string;
}

/** The part of a storage key that names a target: `{tenant}/{softwareId}`. */
export function targetKey(target: PollTarget): string {
  return `${target.tenantId}/${target.softwareId}`;
}
