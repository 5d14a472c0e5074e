/** Builds the conversation directory, the watch list and the watch commands over one store. */
import type { Config } from '../config';
import type { Logger } from '../log';
import type { AppStorage } from '../storage/types';
import { ConversationStore } from './conversations';
import { WatchCommands } from './watchCommands';
import { WatchStore } from './watches';

/** The stores the bot, the commands and the poller share. */
export interface WatchState {
  /** The ConversationDirectory (kept current by src/bot/conversationEvents.ts). */
  readonly conversations: ConversationStore;
  /** The WatchList. */
  readonly watches: WatchStore;
  readonly commands: WatchCommands;
}

/** Wires the watch stores; `pollMinutes` (the poller's interval) lets confirmations say when the next check is. */
export function createWatchState(
  storage: AppStorage,
  config: Pick<Config, 'watches' | 'auth'>,
  logger: Logger,
  pollMinutes?: number,
): WatchState {
  const log = logger.child({ component: 'watches' });
  const conversations = new ConversationStore(storage);
  const watches = new WatchStore(storage, conversations, log, {
    maxPerConversation: config.watches.maxPerConversation,
  });
  const commands = new WatchCommands(watches, conversations, log, {
    allowedTenants: config.auth?.allowedTenants,
    pollMinutes,
  });
  return { conversations, watches, commands };
}
