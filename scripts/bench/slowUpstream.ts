/**
 * A slow upstream: Defender answering in 300 ms, 200 users at once (200 connections, each request
 * from a user of its own). Request to reply at the connector should stay near 300 ms: nothing waits
 * behind another. The bare bot doing the same job runs the same load in turns with ours, for
 * reference; figures are medians of the runs. The limiter's budget is raised here (one tenant would
 * otherwise use up 100 calls a minute in a fraction of a second): this measures concurrency, not
 * Defender's limits. The users are spread over as many tenants: Teams allows a bot 30 sends a second
 * per tenant, so 200 replies in one tenant take at least 6.7 s by Teams' own rule, whatever the bot
 * (see src/pacing/teams.ts).
 */
import { BenchChannel } from './channel';
import { startChildren } from './child';
import { load, median, round, type LoadResult } from './load';
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
  const [bot, bare] = await startChildren([
    ['bot', { DEFENDER_API_BASE_URL: defender.url, ...UNLIMITED }],
    ['bare', { DEFENDER_API_BASE_URL: defender.url }],
  ]);
  try {
    const run = async (url: string, amount = size.slowAmount): Promise<LoadResult> => {
      channel.target(url);
      return load({ url: channel.sendUrl, connections: size.slowUsers, amount });
    };
    for (const { url } of [bot, bare]) await run(url, size.slowUsers); // warm-up
    const runs: { ours: LoadResult; bare: LoadResult }[] = [];
    for (let i = 0; i < size.runs; i++) runs.push({ ours: await run(bot.url), bare: await run(bare.url) });
    const med = (who: 'ours' | 'bare', key: 'p50' | 'p99' | 'completed'): number =>
      median(runs.map((r) => r[who][key]));
    const result = { p50: med('ours', 'p50'), p99: med('ours', 'p99') };
    const floor = { p50: med('bare', 'p50'), p99: med('bare', 'p99') };
    const errors = runs.reduce((sum, r) => sum + r.ours.errors, 0);
    const scenario = `slow upstream ${UPSTREAM_MS} ms, ${size.slowUsers} users`;
    report.add(scenario, 'bare bot (same job) p50 / p99', `${floor.p50} / ${floor.p99}`, 'ms');
    report.add(scenario, 'p99 ours/bare', round(result.p99 / Math.max(1, floor.p99)), 'x');
    report.add(scenario, 'replies', med('ours', 'completed'), undefined, `${errors} failed in ${runs.length} runs`);
    report.add(scenario, 'p50', result.p50, 'ms');
    report.judge(scenario, 'p99 request to reply', result.p99, 'ms', '<= 320 ms', result.p99 <= 320 && errors === 0);
  } finally {
    await Promise.all([bot.stop(), bare.stop()]);
    await Promise.all([channel.close(), defender.close()]);
  }
}
