/** Builds the conversation directory, the watch list and the watch commands over one store. */
import type { Config } from '../config';
import type { Logger } from '../log';
import type { AppStorage } from '../storage/types';
import { ConversationStore } from '../conversations/store';
import { WatchCommands, type WatchAccess } from './commands';
import { WatchStore } from './store';

/** The stores the bot, the commands and the poller share. */
export interface WatchState {
  /** The ConversationDirectory (kept current by src/bot/conversationEvents.ts). */
  readonly conversations: ConversationStore;
  /** The WatchList. */
  readonly watches: WatchStore;
  readonly commands: WatchCommands;
}

/** How watches are confirmed and where conversations without a tenant belong (demo mode). */
export interface WatchStateOptions {
  readonly access?: WatchAccess;
  readonly fallbackTenantId?: string;
  /** The poller's interval: confirmations then say when the next check is. */
  readonly pollMinutes?: number;
}

/** Wires the watch stores. */
export function createWatchState(
  storage: AppStorage,
  config: Pick<Config, 'watches' | 'auth'>,
  logger: Logger,
  options: WatchStateOptions = {},
): WatchState {
  const log = logger.child({ component: 'watches' });
  const conversations = new ConversationStore(storage);
  const { fallbackTenantId } = options;
  const watches = new WatchStore(storage, conversations, log, { ...config.watches, fallbackTenantId });
  const commands = new WatchCommands(watches, conversations, log, {
    allowedTenants: config.auth?.allowedTenants,
    pollMinutes: options.pollMinutes,
    access: options.access,
    fallbackTenantId,
  });
  return { conversations, watches, commands };
}
