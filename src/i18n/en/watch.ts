/** English: watching software for alerts (watch, unwatch, watching). */
export const watchEn = {
  /** A conversation, when Teams gave no name. */
  place: { channel: 'this channel', groupChat: 'this group chat', personal: 'this chat' },
  /** Someone Teams did not name. */
  someone: 'someone',
  labels: {
    software: 'Software',
    where: 'Where',
    addedBy: 'Added by',
    removedBy: 'Removed by',
    when: 'When',
    nextCheck: 'Next check',
    lastCheck: 'Last check',
  },
  added: {
    title: (id: string) => `Now watching ${id}`,
    text: (place: string) =>
      `Alerts will be posted in ${place} when Defender reports a newly missing KB for this software, or more devices missing one.`,
  },
  removed: {
    title: (id: string) => `Stopped watching ${id}`,
    text: (place: string) => `No more alerts for this software in ${place}.`,
  },
  already: {
    title: (id: string) => `Already watching ${id}`,
    text: (place: string) => `Alerts for this software already go to ${place}.`,
  },
  absent: {
    title: (id: string) => `Not watching ${id}`,
    text: (place: string) => `Nothing to stop: this software is not watched in ${place}.`,
  },
  limit: {
    title: 'Watch list full',
    text: (place: string, max: string) => `The watch list of ${place} is full: ${max} software ids at most.`,
    hint: 'Stop watching one with /missingkbs unwatch <software-id>, then try again.',
  },
  /** The other caps: the organisation's, and the asker's own. */
  limitTenant: {
    title: 'Watch limit of your organisation reached',
    text: (_place: string, max: string) => `Your organisation already watches ${max} software ids, the most allowed.`,
    hint: 'Stop watching one with /missingkbs unwatch <software-id>, or ask the bot’s admin to raise ALERT_MAX_WATCHES_PER_TENANT.',
  },
  limitUser: {
    title: 'Your watch limit is reached',
    text: (_place: string, max: string) => `You already added ${max} watches, the most one person may add.`,
    hint: 'Stop watching one you added with /missingkbs unwatch <software-id>, then try again.',
  },
  /** The organisation has not granted the bot app-only access: nothing is watched. */
  consent: {
    title: 'Admin consent needed before alerts',
    text: (place: string) =>
      `Alerts in ${place} are read with the bot’s organisation-wide (app-only) Defender access, which an admin of your organisation has not granted yet. Nothing is watched.`,
    hint: 'An admin (Global Administrator or Privileged Role Administrator) grants it once with the button; then send the watch command again.',
    button: 'Grant admin consent',
  },
  list: {
    title: (place: string) => `Software watched in ${place}`,
    empty: (place: string) => `Nothing is watched in ${place} yet.`,
    hint: 'Send /missingkbs watch <software-id> to get alerts here, /missingkbs unwatch <software-id> to stop them.',
    added: (who: string, when: string) => `Added by ${who} on ${when}`,
    more: (n: string, ids: string) => `…and ${n} more: ${ids}`,
    notChecked: 'Not checked yet',
    checkedOk: (when: string, kbs: string) => `Last check ${when}: ${kbs}`,
    checkedFailed: (when: string, code: string) => `Last check ${when}: failed (${code})`,
  },
  /** A count of missing KBs, after formatters(locale).plural. */
  kb: { one: 'missing KB', other: 'missing KBs' },
  nextCheck: (when: string) => `by ${when}`,
  actions: {
    show: 'Show missing KBs',
    list: 'Watched here',
    unwatch: 'Stop watching',
  },
};
