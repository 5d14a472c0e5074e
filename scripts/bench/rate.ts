/**
 * Defender call rate: a burst of commands from distinct users of one tenant, against a stand-in that
 * answers 429 like Defender past 100 calls a minute. Minutes are compressed 5-fold (one minute on the
 * limiter's and the stand-in's shared clock passes in 12 real seconds), so the real budget,
 * 100 a minute, is checked in seconds. The queue may wait up to a (compressed) minute here, so the
 * burst spans two minutes of budget; the rest are told when to retry.
 */
import type { Clock } from '../../src/time';
import { cardOf, cardText, startBot, teamsActivity } from '../../test/support/harness';
import { userGuid } from './channel';
import { load } from './load';
import type { Report } from './report';
import type { BenchSize } from './size';
import { BenchDefender } from './upstream';

/** Real time runs `factor` times faster on this clock. */
export function compressedClock(factor: number): Clock {
  const start = Date.now();
  return {
    now: () => start + (Date.now() - start) * factor,
    setTimer: (fn, ms) => {
      const timer = setTimeout(fn, ms / factor);
      return () => clearTimeout(timer);
    },
  };
}

/** How much faster than real time the limiter's and the stand-in's clock runs. */
export const RATE_TIME_FACTOR = 5;

export async function rate(report: Report, size: BenchSize): Promise<void> {
  const clock = compressedClock(RATE_TIME_FACTOR);
  const defender = await BenchDefender.start({ kbs: 10, limitPerMinute: 100, clock });
  const bot = await startBot(
    {
      DEFENDER_API_BASE_URL: defender.url,
      DEFENDER_CALLS_PER_MINUTE: '100',
      DEFENDER_CALLS_PER_HOUR: '1500',
      DEFENDER_TIMEOUT_MS: '60000',
      DEFENDER_QUEUE_MAX_WAIT_MS: '30000',
      LOG_LEVEL: 'warn',
    },
    { rateLimitClock: clock },
  );
  try {
    let n = 0;
    const sent = await load({
      url: `${bot.url}/api/messages`,
      connections: 50,
      amount: size.rateBurst,
      setupRequest: (request) => {
        const activity = teamsActivity('personal-message', bot.connector.serviceUrl, '/missingkbs microsoft-_-edge');
        activity.from = { ...(activity.from as object), aadObjectId: userGuid(n++) };
        return { ...request, headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) };
      },
    });
    const texts = (await bot.connector.waitForMessages(size.rateBurst, 60000)).map((m) => cardText(cardOf(m.activity)));
    const scenario = `rate: burst of ${size.rateBurst}, one tenant`;
    const busiest = defender.busiestWindow(60_000);
    const span = (sent.seconds * RATE_TIME_FACTOR) / 60;
    report.add(
      scenario,
      'burst sent within',
      Math.round(span * 10) / 10,
      'min',
      `${RATE_TIME_FACTOR}x compressed clock`,
    );
    report.add(scenario, 'Defender calls answered', defender.calls.length);
    report.add(scenario, 'users told when to retry', texts.filter((t) => /Try again in/.test(t)).length);
    report.add(scenario, '429s from Defender', defender.throttled);
    const pass = busiest <= 100 && defender.throttled === 0;
    report.judge(scenario, 'most calls in any minute', busiest, 'calls', '<= 100, no 429', pass);
  } finally {
    await bot.stop();
    await defender.close();
  }
}
