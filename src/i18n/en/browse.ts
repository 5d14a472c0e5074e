/** English: finding software by name, the top exposures, and card buttons (refresh, pages). */
export const browseEn = {
  // Names
  resolvedNote: (query: string, id: string) => `“${query}” is the software ${id} in Defender.`,
  choiceTitle: (query: string) => `Several software match “${query}”`,
  choiceIntro: 'Pick one to see its missing security updates.',
  choiceMore: (shown: number, total: number) =>
    `Showing the ${shown} most exposed of ${total}. Type a more precise name (vendor and name, e.g. Microsoft Edge) or the id.`,
  noneTitle: (query: string) => `No software named “${query}”`,
  noneText: 'Defender’s software inventory has no software with that name, vendor or id.',
  suggestionsIntro: 'Did you mean one of these?',
  noSuggestions:
    'Names are written as in the Defender portal’s software inventory, e.g. edge or chrome, or vendor and name: Microsoft Edge.',
  // Top
  topTitle: (n: number) => `The ${n} software with the most exposed devices`,
  topEmpty: 'Defender’s software inventory is empty.',
  topSortedHere: (read: number) =>
    `Sorted by the bot from the first ${read} software Defender listed (Defender did not sort them).`,
  // Entries
  exposed: { one: 'exposed device', other: 'exposed devices' },
  weaknesses: { one: 'weakness', other: 'weaknesses' },
  publicExploit: 'public exploit',
  activeAlert: 'active alert',
  showKbs: 'Missing KBs',
  // Buttons, pages and in-place updates
  refresh: 'Refresh',
  next: 'Next',
  previous: 'Previous',
  pageOf: (from: number, to: number, total: number) => `KBs ${from} to ${to} of ${total}, worst first.`,
  refreshedAt: (when: string) => `Updated ${when}.`,
  refreshedAtBy: (when: string, name: string) => `Updated ${when} with the Defender access of ${name}.`,
  // Buttons that cannot be used
  staleTitle: 'This button no longer works',
  staleText: 'The card is out of date, or what the button carries was changed.',
  staleHint: (example: string) => `Send the command again, e.g. ${example}`,
  signInText: 'Sign in to update this card',
  signInButton: 'Sign in',
};
