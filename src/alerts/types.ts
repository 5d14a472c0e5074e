/** How an alert reaches a conversation; conversations and watches have their own types. */

/** What a post may say besides where and what: the conversation's tenant (pacing), and when to give up waiting. */
export interface PostOptions {
  readonly tenantId?: string;
  readonly signal?: AbortSignal;
}

/** Posts a card in a stored conversation (CloudAdapter.continueConversationAsync underneath), paced to Teams' limits. */
export type PostToConversation = (
  reference: Record<string, unknown>,
  card: Record<string, unknown>,
  options?: PostOptions,
) => Promise<void>;
