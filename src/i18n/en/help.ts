/** English: the help card (also the welcome card) and the words that ask for it. */

export const helpEn = {
  /** Messages that ask for help (besides "?"); the parser accepts the words of every language. */
  words: ['help', 'commands'],
  title: 'Missing KBs: help',
  /** Title of the card sent when the bot is installed. */
  welcomeTitle: 'Hello! I find missing security updates',
  fallback: (example: string) => `Missing KBs bot: send /missingkbs <software-id>, for example /missingkbs ${example}`,
  /** Fixed texts of the card (bound into cards/help.json as `labels`). */
  labels: {
    notUnderstoodBefore: 'I did not understand ',
    notUnderstoodAfter: '.',
    intro:
      'I tell you which security updates (KBs) Microsoft Defender for Endpoint reports as missing for a piece of software.',
    idShapeBefore: 'Software ids look like ',
    idShape: 'vendor-_-product',
    idShapeAfter: ', in lower case, for example:',
  },
  /** The commands, as the card lists them (title: what to type; value: what it does). */
  commands: {
    missingKbs: { title: '/missingkbs software-id', value: 'The missing KBs, worst first' },
    find: { title: '/missingkbs name', value: 'Finds the software by name, e.g. edge or "Microsoft Edge"' },
    top: { title: '/missingkbs top [n]', value: 'The software with the most exposed devices' },
    watch: { title: '/missingkbs watch software-id', value: 'Alerts here when it gains missing KBs' },
    unwatch: { title: '/missingkbs unwatch software-id', value: 'Stops those alerts' },
    watching: { title: '/missingkbs watching', value: 'What is watched here, and the last checks' },
    help: { title: 'help', value: 'This message' },
  },
  scopeChannel: 'In a channel or group chat, @mention me before the command.',
  scopePersonal: 'You see only what your Defender role allows.',
  /** The button that runs the example. */
  tryIt: (example: string) => `Try it: ${example}`,
};
