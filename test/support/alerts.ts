/** Builders shared by the alerts tests: stores over one MemoryStore, a fixed clock, a capturing logger. */
import { ConversationStore, type ConversationFacts } from '../../src/conversations/store';
import { WatchStore } from '../../src/watches/store';
import { createLogger } from '../../src/log';
import { MemoryStore } from '../../src/storage/memory';

/** A clock the test moves by hand. */
export class TestClock {
  constructor(private ms = Date.parse('2026-03-10T09:00:00Z')) {}
  readonly now = (): Date => new Date(this.ms);
  advance(minutes: number): void {
    this.ms += minutes * 60_000;
  }
}

/** Both stores over one MemoryStore (`memory` shares it with other stores: two bot instances), their logs and clock. */
export function alertStores(
  options: { memory?: MemoryStore; max?: number; maxPerTenant?: number; maxPerUser?: number } = {},
) {
  const memory = options.memory ?? new MemoryStore();
  const logs: string[] = [];
  const logger = createLogger('debug', (line) => logs.push(line));
  const clock = new TestClock();
  const conversations = new ConversationStore(memory, clock.now);
  const watches = new WatchStore(memory, conversations, logger, {
    maxPerConversation: options.max ?? 50,
    maxPerTenant: options.maxPerTenant,
    maxPerUser: options.maxPerUser,
    clock: clock.now,
  });
  return { memory, conversations, watches, logs, logger, clock };
}

export const CHANNEL_ID = '19:6d97d816470f481dbcda38244b98689a@thread.skype';
/** The tenant of the test team's conversations. */
export const TEST_TENANT_ID = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const TEAM_ID = '19:efa9296d959346209fea44151c742e73@thread.skype';

/** Facts about a channel of the test team, as the bot layer would give them. */
export function channelFacts(overrides: Partial<ConversationFacts> = {}): ConversationFacts {
  const id = overrides.id ?? CHANNEL_ID;
  return {
    id,
    reference: { serviceUrl: 'https://smba.trafficmanager.net/amer/', channelId: 'msteams', conversation: { id } },
    kind: 'channel',
    tenantId: TEST_TENANT_ID,
    teamId: TEAM_ID,
    ...overrides,
  };
}

/** Every log line parsed. */
export function logRecords(logs: readonly string[]): Record<string, unknown>[] {
  return logs.map((line) => JSON.parse(line) as Record<string, unknown>);
}
