/** English: words shared by every card. */
export const commonEn = {
  /** The bot's name as users see it. */
  botName: 'Missing KBs',
};
