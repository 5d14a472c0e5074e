/**
 * A slow upstream: Defender answering in 300 ms, 200 users at once (200 connections, each request
 * from a user of its own). Request to reply at the connector should stay near 300 ms: nothing waits
 * behind another. The bare bot doing the same job runs the same load after ours, for reference. The limiter's budget is raised here (one tenant would otherwise use up 100 calls
 * a minute in a fraction of a second): this measures concurrency, not Defender's limits. The users
 * are spread over as many tenants: Teams allows a bot 30 sends a second per tenant, so 200 replies
 * in one tenant take at least 6.7 s by Teams' own rule, whatever the bot (see src/pacing/teams.ts).
 */
import { BenchChannel } from './channel';
import { startChild } from './child';
import { load, round, type LoadResult } from './load';
import { UNLIMITED } from './overhead';
import type { Report } from './report';
import type { BenchSize } from './size';
import { BenchDefender } from './upstream';

const UPSTREAM_MS = 300;

export async function slowUpstream(report: Report, size: BenchSize): Promise<void> {
  const defender = await BenchDefender.start({ kbs: 10, delayMs: UPSTREAM_MS });
  const channel = await BenchChannel.start({
    text: '/missingkbs microsoft-_-edge',
    users: size.slowUsers * 10,
    tenants: size.slowUsers,
  });
  const [bot, bare] = await Promise.all([
    startChild('bot', { DEFENDER_API_BASE_URL: defender.url, ...UNLIMITED }),
    startChild('bare', { DEFENDER_API_BASE_URL: defender.url }),
  ]);
  try {
    const run = async (url: string): Promise<LoadResult> => {
      channel.target(url);
      await load({ url: channel.sendUrl, connections: size.slowUsers, amount: size.slowUsers }); // warm-up
      return load({ url: channel.sendUrl, connections: size.slowUsers, amount: size.slowAmount });
    };
    const result = await run(bot.url);
    const floor = await run(bare.url);
    const scenario = `slow upstream ${UPSTREAM_MS} ms, ${size.slowUsers} users`;
    report.add(scenario, 'bare bot (same job) p50 / p99', `${floor.p50} / ${floor.p99}`, 'ms');
    report.add(scenario, 'p99 ours/bare', round(result.p99 / Math.max(1, floor.p99)), 'x');
    report.add(scenario, 'replies', result.completed, undefined, `${result.errors} failed`);
    report.add(scenario, 'p50', result.p50, 'ms');
    report.judge(
      scenario,
      'p99 request to reply',
      result.p99,
      'ms',
      '<= 320 ms',
      result.p99 <= 320 && result.errors === 0,
    );
  } finally {
    await Promise.all([bot.stop(), bare.stop()]);
    await Promise.all([channel.close(), defender.close()]);
  }
}
