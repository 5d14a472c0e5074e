/**
 * A slow upstream: Defender answering in 300 ms, 200 users at once (200 connections, each request
 * from a user of its own). Request to reply at the connector should stay near 300 ms: nothing waits
 * behind another. The limiter's budget is raised here (one tenant would otherwise use up 100 calls
 * a minute in a fraction of a second): this measures concurrency, not Defender's limits.
 */
import { BenchChannel } from './channel';
import { startChild } from './child';
import { load } from './load';
import { UNLIMITED } from './overhead';
import type { Report } from './report';
import type { BenchSize } from './size';
import { BenchDefender } from './upstream';

const UPSTREAM_MS = 300;

export async function slowUpstream(report: Report, size: BenchSize): Promise<void> {
  const defender = await BenchDefender.start({ kbs: 10, delayMs: UPSTREAM_MS });
  const channel = await BenchChannel.start({ text: '/missingkbs microsoft-_-edge', users: size.slowUsers * 10 });
  const bot = await startChild('bot', { DEFENDER_API_BASE_URL: defender.url, ...UNLIMITED });
  try {
    channel.target(bot.url);
    await load({ url: channel.sendUrl, connections: size.slowUsers, amount: size.slowUsers }); // warm-up
    const result = await load({ url: channel.sendUrl, connections: size.slowUsers, amount: size.slowAmount });
    const scenario = `slow upstream ${UPSTREAM_MS} ms, ${size.slowUsers} users`;
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
    await bot.stop();
    await Promise.all([channel.close(), defender.close()]);
  }
}
