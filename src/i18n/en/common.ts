/** English: words shared by every card. */
export const commonEn = {
  /** The bot's name as users see it. */
  botName: 'Missing KBs',
  /** Title of the fact that shows Microsoft's correlation id (support asks for it). */
  correlationId: 'Correlation id',
};
