/**
 * Soak: `npm run bench -- soak` sends 200,000 commands over 50,000 conversations and 5,000 users
 * (demo mode, Defender stand-in on loopback, concurrency 20; sizes from flags, see size.ts), each
 * conversation installed first, to our bot in a process of its own that records its structures
 * (src/cache/stats.ts). At 1,000 commands and every 10,000 it reads, after a full GC, RSS, heap, external
 * memory, open handles and each structure's size against its stated bound. The bot keeps Defender's
 * real budget (100 calls a minute and 1,500 an hour per tenant), so the limiter holds what it would in
 * production; spread over 500 tenants, the load stays within it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { StructureStats } from '../../src/cache/stats';
import { BenchChannel } from './channel';
import { startChild } from './child';
import { load, round } from './load';
import type { Report } from './report';
import type { ServerStats } from './server';
import type { BenchSize, SoakSize } from './size';
import { BenchDefender } from './upstream';

const MB = 1024 * 1024;

/** The readings' commands: `first`, then every `every`, then the last. */
export function checkpoints(soak: SoakSize): number[] {
  const at = new Set([Math.min(soak.first, soak.commands)]);
  for (let n = soak.every; n < soak.commands; n += soak.every) at.add(n);
  at.add(soak.commands);
  return [...at].sort((a, b) => a - b);
}

export async function soak(report: Report, size: BenchSize, log: (line: string) => void): Promise<void> {
  const s = size.soak;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'mkbs-soak-'));
  const defender = await BenchDefender.start({ kbs: 10 });
  const channel = await BenchChannel.start({
    text: '/missingkbs microsoft-_-edge',
    users: s.users,
    tenants: s.tenants,
    conversations: s.conversations,
    installFirst: true,
  });
  const allocator: Record<string, string> = process.env.MALLOC_ARENA_MAX
    ? { MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX }
    : {};
  const bot = await startChild('bot', {
    DEFENDER_API_BASE_URL: defender.url,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    BENCH_STRUCTURES: '1',
    ...allocator,
  });
  const readings = new Map<number, ServerStats>();
  let sent = 0;
  let failed = 0;
  try {
    channel.target(bot.url);
    for (const at of checkpoints(s)) {
      const result = await load({ url: channel.sendUrl, connections: s.concurrency, amount: at - sent });
      failed += result.errors;
      sent = at;
      const reading = await bot.stats();
      readings.set(at, reading);
      // A full soak takes a while: say how far it is.
      log(`soak: ${at} commands, RSS ${round(reading.rssBytes / MB)} MB`);
    }
  } finally {
    await bot.stop();
    await Promise.all([channel.close(), defender.close()]);
    rmSync(dataDir, { recursive: true, force: true });
  }
  record(report, s, readings, failed);
}

function record(report: Report, s: SoakSize, readings: Map<number, ServerStats>, failed: number): void {
  const scenario = `soak ${s.commands} commands, ${s.conversations} conversations, ${s.users} users`;
  const label = (n: number): string => n.toLocaleString('en-US');
  const mb = (bytes: number): number => round(bytes / MB);
  for (const [at, r] of readings) {
    const outside = r.rssBytes - r.heapTotalBytes - r.externalBytes;
    const heap = `heap ${mb(r.heapUsedBytes)} of ${mb(r.heapTotalBytes)}`;
    const memory = `RSS ${mb(r.rssBytes)}, ${heap}, external ${mb(r.externalBytes)}, rest ${mb(outside)}`;
    report.add(scenario, `after ${label(at)}: memory`, memory, 'MB', `${r.handles} handles`);
    const sizes = Object.entries(r.structures).map(([name, st]) => `${name} ${st.size}/${st.bound ?? 'in flight'}`);
    report.add(scenario, `after ${label(at)}: structures`, sizes.join(', '));
  }
  const rss = (at: number): number | undefined => readings.get(at)?.rssBytes;
  const growth = (from: number, to: number, limit: number): void => {
    const a = rss(from);
    const b = rss(to);
    if (a === undefined || b === undefined || from >= to) return;
    const pct = (b / a - 1) * 100;
    const name = `RSS growth ${label(from)} to ${label(to)}`;
    report.judge(scenario, name, round(pct), '%', `<= ${limit} %`, pct <= limit && failed === 0);
  };
  const last = Math.max(...readings.keys());
  growth(s.first, Math.min(20_000, last), 10);
  growth(20_000, last, 5);
  report.add(scenario, 'failed commands', failed);
  const final = readings.get(last);
  for (const name of Object.keys(final?.structures ?? {})) judgeStructure(report, scenario, name, readings, s);
}

/** A structure stays within its bound at every reading (in-flight ones within the concurrency). */
function judgeStructure(
  report: Report,
  scenario: string,
  name: string,
  readings: Map<number, ServerStats>,
  s: SoakSize,
): void {
  const series = [...readings.values()].map((r) => r.structures[name]).filter((x): x is StructureStats => !!x);
  const most = Math.max(...series.map((x) => x.size));
  const bound = series.at(-1)?.bound;
  const limit = bound ?? s.concurrency;
  const within = series.every((x) => x.size <= (x.bound ?? s.concurrency));
  const reached = bound !== undefined && series.some((x) => x.size >= (x.bound ?? Infinity));
  const target = bound === undefined ? `<= ${limit} (in flight)` : `<= ${bound}`;
  report.judge(scenario, `${name}: most held`, most, '', target, within, reached ? 'reached its bound' : undefined);
}
