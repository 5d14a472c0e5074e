/** Builds the conversation directory: the bot keeps it current, watches and alerts read it. */
import type { AppStorage } from '../storage/types';
import { ConversationStore } from './store';

/** The conversation directory over the shared store (kept current by src/bot/conversationEvents.ts). */
export function createConversations(storage: AppStorage): ConversationStore {
  return new ConversationStore(storage);
}
