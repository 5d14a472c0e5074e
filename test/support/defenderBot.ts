/** The real bot in demo mode pointed at a fake Defender on loopback, for a describe block. */
import type { AppOverrides } from '../../src/app';
import { FakeDefender } from './fakeDefender';
import { startBot, type RunningBot } from './harness';

/** Starts a fake Defender and the bot (DEFENDER_API_BASE_URL, a dev token, `env`) before the block; stops both after. */
export function useDefenderBot(env: Record<string, string> = {}, overrides: AppOverrides = {}) {
  const running: { bot?: RunningBot; defender?: FakeDefender } = {};
  before(async () => {
    running.defender = await FakeDefender.start();
    running.bot = await startBot(
      { DEFENDER_API_BASE_URL: running.defender.url, DEFENDER_DEV_TOKEN: 'dev-token', ...env },
      overrides,
    );
  });
  after(async () => {
    await running.bot?.stop();
    await running.defender?.close();
  });
  return {
    get bot() {
      if (!running.bot) throw new Error('the bot starts in the before hook');
      return running.bot;
    },
    get defender() {
      if (!running.defender) throw new Error('the fake Defender starts in the before hook');
      return running.defender;
    },
  };
}
