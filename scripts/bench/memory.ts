/**
 * Memory: our bot and the bare bot doing the same job (bareBot.ts), each in a process of its own
 * (zero-latency Defender stand-in), fed in alternating batches of 1,000 commands at concurrency 20,
 * RSS read after a full GC at the first and the last reading. Every command comes from another user
 * in a conversation of its own, so per-user and per-conversation state would show if it grew.
 */
import { BenchChannel } from './channel';
import { startChildren, type ChildBot } from './child';
import { load, round } from './load';
import { UNLIMITED } from './overhead';
import type { Report } from './report';
import type { BenchSize } from './size';
import type { ServerStats } from './server';
import { BenchDefender } from './upstream';

const MB = 1024 * 1024;
const BATCH = 1000;

/** Commands in flight, as in the overhead scenario's p99 target. */
export const MEMORY_CONCURRENCY = 20;

interface Fed {
  readonly bot: ChildBot;
  /** Commands sent to this bot so far (each from a user of its own, users counted across bots). */
  sent: number;
  failed: number;
}

export async function memory(report: Report, size: BenchSize): Promise<void> {
  const [first, total] = size.memory;
  const defender = await BenchDefender.start({ kbs: 10 });
  const channel = await BenchChannel.start({ text: '/missingkbs microsoft-_-edge', users: 1_000_000, tenants: 1000 });
  const [ourBot, bareBot] = await startChildren([
    ['bot', { DEFENDER_API_BASE_URL: defender.url, ...UNLIMITED }],
    ['bare', { DEFENDER_API_BASE_URL: defender.url }],
  ]);
  const ours: Fed = { bot: ourBot, sent: 0, failed: 0 };
  const bare: Fed = { bot: bareBot, sent: 0, failed: 0 };
  try {
    const feed = async (fed: Fed, upTo: number): Promise<void> => {
      const amount = Math.min(BATCH, upTo - fed.sent);
      if (amount <= 0) return;
      channel.target(fed.bot.url);
      const result = await load({ url: channel.sendUrl, connections: MEMORY_CONCURRENCY, amount });
      fed.sent += amount;
      fed.failed += result.errors;
    };
    const until = async (upTo: number): Promise<[ServerStats, ServerStats]> => {
      while (ours.sent < upTo || bare.sent < upTo) {
        await feed(ours, upTo);
        await feed(bare, upTo);
      }
      return [await ours.bot.stats(), await bare.bot.stats()];
    };
    const [early, bareEarly] = await until(first);
    const [late, bareLate] = await until(total);
    const scenario = 'memory';
    const label = (n: number): string => n.toLocaleString('en-US');
    const mb = (s: ServerStats, key: 'rssBytes' | 'heapUsedBytes' | 'externalBytes'): number => round(s[key] / MB);
    for (const [name, a, b] of [['ours', early, late] as const, ['bare bot', bareEarly, bareLate] as const]) {
      const after = `after ${label(first)} / ${label(total)}`;
      report.add(scenario, `${name} RSS ${after}`, `${mb(a, 'rssBytes')} / ${mb(b, 'rssBytes')}`, 'MB');
      report.add(scenario, `${name} heap ${after}`, `${mb(a, 'heapUsedBytes')} / ${mb(b, 'heapUsedBytes')}`, 'MB');
      report.add(scenario, `${name} external ${after}`, `${mb(a, 'externalBytes')} / ${mb(b, 'externalBytes')}`, 'MB');
    }
    const failed = ours.failed + bare.failed;
    const note = failed ? `${failed} failed` : undefined;
    const ratio = early.rssBytes / bareEarly.rssBytes;
    report.judge(scenario, `RSS after ${label(first)} ours/bare`, round(ratio), 'x', '<= 1.2x', ratio <= 1.2, note);
    const growth = late.rssBytes / early.rssBytes - 1;
    const pass = growth <= 0.1 && failed === 0;
    report.judge(
      scenario,
      `ours RSS growth ${label(first)} to ${label(total)}`,
      round(growth * 100),
      '%',
      '<= 10 %',
      pass,
      note,
    );
    const bareGrowth = bareLate.rssBytes / bareEarly.rssBytes - 1;
    report.add(scenario, `bare bot RSS growth ${label(first)} to ${label(total)}`, round(bareGrowth * 100), '%');
  } finally {
    await Promise.all([ours.bot.stop(), bare.bot.stop()]);
    await Promise.all([channel.close(), defender.close()]);
  }
}
