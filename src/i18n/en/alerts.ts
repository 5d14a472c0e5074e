/** English: the proactive alert cards (poller and webhook). Counts come already formatted. */
export const alertsEn = {
  /** Heading of the first card a watch gets. */
  baselineTitle: 'Now watching this software',
  /** Heading of a change alert. */
  changeTitle: 'New missing security updates',
  /** Heading of a webhook alert. */
  notifyTitle: 'Security update alert',
  baselineIntro: (kbs: string) =>
    `${kbs} right now. This conversation is alerted when a KB is newly missing or spreads to more devices.`,
  changeIntro: (newKbs: string, grown: string) => `Since the last check: ${newKbs}, ${grown}.`,
  notifyIntro: 'Sent through the alert webhook. Current state in Defender:',
  messageLabel: 'Message from the sender:',
  newKbs: (_n: number, count: string) => `${count} newly missing`,
  grownKbs: (_n: number, count: string) => `${count} on more devices`,
  missingKbs: (n: number, count: string) => (n === 1 ? `${count} missing KB` : `${count} missing KBs`),
  totalLine: (total: string, checkedAt: string) => `In total: ${total} · checked ${checkedAt}`,
  nothingMissing: 'No missing KBs right now.',
  newBadge: 'New',
  devices: (n: number, count: string) => (n === 1 ? `${count} device` : `${count} devices`),
  grownDevices: (delta: string, before: string, after: string) => `+${delta} devices (${before} → ${after})`,
  cves: (n: number, count: string) => (n === 1 ? `${count} CVE` : `${count} CVEs`),
  more: (_n: number, count: string) => `…and ${count} more not shown here.`,
  resolved: (n: number, count: string) =>
    n === 1 ? `${count} KB is no longer missing:` : `${count} KBs are no longer missing:`,
  incomplete: "Defender's answer may be incomplete: some of its pages could not be read safely.",
  openKb: (id: string) => `Open KB${id} in the Microsoft Update Catalog`,
  showFullList: 'Show the full list',
  /** Under every alert, and on the watch list: whose access read the data. */
  readAppOnly:
    'Read with the bot’s organisation-wide (app-only) Defender access, not with the access of a member of this conversation.',
  fallback: (softwareId: string, kbs: string) => `Missing KBs alert for ${softwareId}: ${kbs}`,
};
