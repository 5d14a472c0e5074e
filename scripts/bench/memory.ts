/**
 * Memory: our bot in a process of its own (zero-latency Defender stand-in), RSS after a first and a
 * second batch of requests, each read after a full GC. Every request comes from another user, so
 * per-user state (sign-in, welcome ledger, limiter) would show if it grew without bound.
 */
import { BenchChannel } from './channel';
import { startChild } from './child';
import { load, round } from './load';
import { UNLIMITED } from './overhead';
import type { Report } from './report';
import type { BenchSize } from './size';
import { BenchDefender } from './upstream';

const MB = 1024 * 1024;

export async function memory(report: Report, size: BenchSize): Promise<void> {
  const [first, total] = size.memory;
  const defender = await BenchDefender.start({ kbs: 10 });
  const channel = await BenchChannel.start({ text: '/missingkbs microsoft-_-edge', users: 1_000_000, tenants: 1000 });
  const bot = await startChild('bot', { DEFENDER_API_BASE_URL: defender.url, ...UNLIMITED });
  try {
    channel.target(bot.url);
    const a = await load({ url: channel.sendUrl, connections: 50, amount: first });
    const early = await bot.stats();
    const b = await load({ url: channel.sendUrl, connections: 50, amount: total - first });
    const late = await bot.stats();
    const scenario = 'memory';
    const label = (n: number): string => n.toLocaleString('en-US');
    report.add(scenario, `RSS after ${label(first)}`, round(early.rssBytes / MB), 'MB');
    report.add(scenario, `RSS after ${label(total)}`, round(late.rssBytes / MB), 'MB');
    report.add(
      scenario,
      `heap after ${label(first)} / ${label(total)}`,
      `${round(early.heapUsedBytes / MB)} / ${round(late.heapUsedBytes / MB)}`,
      'MB',
    );
    report.add(
      scenario,
      `external after ${label(first)} / ${label(total)}`,
      `${round(early.externalBytes / MB)} / ${round(late.externalBytes / MB)}`,
      'MB',
    );
    const growth = late.rssBytes / early.rssBytes - 1;
    const failed = a.errors + b.errors;
    report.judge(
      scenario,
      'RSS growth',
      round(growth * 100),
      '%',
      '<= 10 %',
      growth <= 0.1 && failed === 0,
      failed ? `${failed} failed` : undefined,
    );
  } finally {
    await bot.stop();
    await Promise.all([channel.close(), defender.close()]);
  }
}
