/** Alerts across real bot processes (`node dist/src/index.js`, demo mode): polling every 5 s (ALERT_POLL_SECONDS), the rounds each process logged, the cards a conversation got, and a stop that never leaves a process behind. */
import { spawnBot, type BotProcess } from './botProcess';
import { isRunning, stopChild } from './child';
import { FakeConnector } from './fakeConnector';
import { FakeDefender } from './fakeDefender';
import { cardOf, cardText } from './harness';
import { postActivity, waitFor } from './http';

/** Processes started by one test, killed at the end whatever happened. */
export class BotProcesses {
  private readonly all: BotProcess[] = [];

  /** Spawns a bot polling every 5 s with this environment (info logs, for the round lines). */
  async spawn(env: Record<string, string>): Promise<BotProcess> {
    const bot = await spawnBot({ LOG_LEVEL: 'info', ALERT_POLL_SECONDS: '5', ...env });
    this.all.push(bot);
    return bot;
  }

  /** SIGTERM, SIGKILL after 10 s; resolves with the exit code. */
  async stop(bot: BotProcess): Promise<number | null> {
    return (await stopChild(bot, 10_000)).code;
  }

  /** Kills whatever still runs (after each test, passed or failed). */
  async killAll(): Promise<void> {
    for (const bot of this.all) if (isRunning(bot)) bot.child.kill('SIGKILL');
    await Promise.all(this.all.splice(0).map((bot) => bot.exited));
  }
}

/** What each test of a process suite gets: a fresh fake Defender and Bot Connector, and its processes. */
export interface ProcessWorld {
  readonly defender: FakeDefender;
  readonly connector: FakeConnector;
  readonly processes: BotProcesses;
}

/** Registers hooks that start the fakes before each test and kill its processes and fakes after it. */
export function useProcessWorld(): () => ProcessWorld {
  const processes = new BotProcesses();
  let world: ProcessWorld | undefined;
  beforeEach(async () => {
    const [defender, connector] = await Promise.all([FakeDefender.start(), FakeConnector.start()]);
    world = { defender, connector, processes };
  });
  afterEach(async () => {
    await processes.killAll();
    if (world) await Promise.all([world.defender.close(), world.connector.close()]);
    world = undefined;
  });
  return () => {
    if (!world) throw new Error('useProcessWorld: only inside a test');
    return world;
  };
}

/** The `alerts.round` lines a process logged: how many, and how many of them read Defender. */
export function rounds(bot: BotProcess): { all: number; polled: number } {
  const lines = bot
    .output()
    .split('\n')
    .filter((l) => l.includes('"msg":"alerts.round"'));
  return { all: lines.length, polled: lines.filter((l) => !l.includes('"polled":0')).length };
}

/** Waits until the process logged `n` more rounds than `from` (each field counted on its own). */
export async function moreRounds(
  bot: BotProcess,
  n: number,
  kind: 'all' | 'polled' = 'all',
  from = rounds(bot),
): Promise<void> {
  await waitFor(() => (rounds(bot)[kind] >= from[kind] + n ? true : undefined), 25_000, `${n} more rounds`);
}

/** Texts of the cards the connector got for exactly this conversation id (proactive posts). */
export function cardsTo(connector: FakeConnector, conversationId: string): string[] {
  return connector
    .messages()
    .filter((m) => m.conversationId === conversationId)
    .map((m) => cardText(cardOf(m.activity)));
}

/** Waits until the conversation got `n` cards. */
export async function waitForCards(connector: FakeConnector, conversationId: string, n: number): Promise<string[]> {
  return waitFor(
    () => {
      const cards = cardsTo(connector, conversationId);
      return cards.length >= n ? cards : undefined;
    },
    25_000,
    `${n} cards in ${conversationId}`,
  );
}

/** POSTs an activity (demo mode: unsigned) and returns the status. */
export async function postTo(bot: BotProcess, activity: object): Promise<number> {
  return (await postActivity(bot.url, activity)).status;
}
