/** Builds the watch list and the watch commands over the shared store and the conversation directory. */
import type { Config } from '../config';
import { pollIntervalMs } from '../config/alerts';
import type { ConversationStore } from '../conversations/store';
import type { Logger } from '../log';
import type { AppStorage } from '../storage/types';
import { WatchCommands, type WatchAccess } from './commands';
import { WatchStore } from './store';

/** What the watches need. */
export interface WatchesParts {
  readonly storage: AppStorage;
  readonly conversations: ConversationStore;
  readonly config: Pick<Config, 'watches' | 'auth' | 'alerts'>;
  readonly logger: Logger;
  /** How a watch is confirmed: the tenant's admin consent and the asker's own read of the id. */
  readonly access?: WatchAccess;
  /** The tenant of conversations Teams gave none for (demo mode only). */
  readonly fallbackTenantId?: string;
}

/** The watch list (read by the poller and the webhook) and the commands that change it. */
export interface Watches {
  readonly watches: WatchStore;
  readonly commands: WatchCommands;
}

/** Wires the watch store and the watch commands. */
export function createWatches(parts: WatchesParts): Watches {
  const { config, conversations, fallbackTenantId } = parts;
  const log = parts.logger.child({ component: 'watches' });
  const watches = new WatchStore(parts.storage, conversations, log, { ...config.watches, fallbackTenantId });
  const commands = new WatchCommands(watches, conversations, log, {
    allowedTenants: config.auth?.allowedTenants,
    // Confirmations say when the next check is.
    pollMinutes: pollIntervalMs(config.alerts) / 60_000 || undefined,
    access: parts.access,
    fallbackTenantId,
  });
  return { watches, commands };
}
