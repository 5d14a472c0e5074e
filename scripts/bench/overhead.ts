/**
 * Bot overhead: our bot (createApp, zero-latency Defender stand-in, 10 KBs) against the bare bot doing
 * the same job (bareBot.ts: same restify server and adapter, same stand-in read with `fetch`, a plain
 * card), each in a process of its own, measured in turns (ours, bare, bare-card, ours-plain-card, echo,
 * echo-later, ours...) so machine noise hits all alike. A request is done when its reply reaches the
 * connector. Cost per request: the server process's CPU time per reply. Extra rows, not the target's
 * reference: the bare bot posting our card and our bot posting the plain card (which part of the gap
 * is the card, which the rest of our pipeline), and the echo bots (the framework's floor with no
 * upstream call). Commands come from 1,000 tenants: Teams allows a bot 30 sends a second per tenant,
 * and our bot paces to that (the bare bot does not), so one tenant would measure the pacing, not the bot.
 */
import { BenchChannel } from './channel';
import { startChildren, type ChildBot } from './child';
import { load, median, round, type LoadResult } from './load';
import type { Report } from './report';
import type { BenchSize } from './size';
import { BenchDefender } from './upstream';

/** Budget high enough that the limiter never refuses: this scenario measures the bot, not Defender's limits. */
export const UNLIMITED = { DEFENDER_CALLS_PER_MINUTE: '1000000', DEFENDER_CALLS_PER_HOUR: '10000000' };

interface Sample extends LoadResult {
  readonly cpuMicrosPerReply: number;
}

/** One run against a child bot: load through the channel, CPU time from the child before and after. */
export async function measure(
  bot: ChildBot,
  channel: BenchChannel,
  connections: number,
  size: BenchSize,
  seconds = size.overheadSeconds,
): Promise<Sample> {
  const before = await bot.stats();
  const result = await load({
    url: channel.sendUrl,
    connections,
    amount: size.overheadAmount,
    durationSeconds: seconds,
  });
  const after = await bot.stats();
  return { ...result, cpuMicrosPerReply: (after.cpuMicros - before.cpuMicros) / Math.max(1, result.completed) };
}

export async function overhead(report: Report, size: BenchSize): Promise<void> {
  const defender = await BenchDefender.start({ kbs: 10 });
  const channel = await BenchChannel.start({ text: '/missingkbs microsoft-_-edge', users: 10000, tenants: 1000 });
  // Started together (start-up is not measured): four sequential starts cost seconds each on a loaded machine.
  const [ours, bare, bareCard, oursPlain, echo, echoLater] = await startChildren([
    ['bot', { DEFENDER_API_BASE_URL: defender.url, ...UNLIMITED }],
    ['bare', { DEFENDER_API_BASE_URL: defender.url }],
    ['bare-card', { DEFENDER_API_BASE_URL: defender.url }],
    ['bot-plain-card', { DEFENDER_API_BASE_URL: defender.url, ...UNLIMITED }],
    ['echo'],
    ['echo-later'],
  ]);
  const bots: Record<string, ChildBot> = {
    ours,
    bare,
    'bare-card': bareCard,
    'ours-plain-card': oursPlain,
    echo,
    'echo-later': echoLater,
  };
  try {
    for (const bot of Object.values(bots)) {
      channel.target(bot.url);
      await measure(bot, channel, 10, size, 1); // warm-up: JIT, connection pools
    }
    for (const connections of OVERHEAD_CONCURRENCY) {
      const samples: Record<string, Sample[]> = Object.fromEntries(Object.keys(bots).map((name) => [name, []]));
      for (let run = 0; run < size.runs; run++) {
        for (const [name, bot] of Object.entries(bots)) {
          channel.target(bot.url);
          samples[name].push(await measure(bot, channel, connections, size));
        }
      }
      record(report, connections, samples);
    }
  } finally {
    await Promise.all(Object.values(bots).map((bot) => bot.stop()));
    await Promise.all([channel.close(), defender.close()]);
  }
}

/** Concurrencies measured; the p99 target is judged at 20 commands in flight. */
export const OVERHEAD_CONCURRENCY = [1, 20];

const LABELS: Record<string, string> = {
  ours: 'our bot',
  bare: 'bare bot (same job)',
  'bare-card': 'bare bot with our card (what the card costs)',
  'ours-plain-card': 'our bot with the plain card (what our pipeline costs)',
  echo: 'echo bot (echo floor, no upstream call)',
  'echo-later': 'echo-later bot (echo floor, no upstream call)',
};

function record(report: Report, connections: number, samples: Record<string, Sample[]>): void {
  const scenario = `overhead c=${connections}`;
  const med = (name: string, key: keyof Sample): number => median(samples[name].map((s) => s[key]));
  for (const name of Object.keys(samples)) {
    const label = LABELS[name];
    report.add(scenario, `${label} replies/s`, round(med(name, 'perSecond')));
    report.add(scenario, `${label} p50 / p99`, `${med(name, 'p50')} / ${med(name, 'p99')}`, 'ms');
    report.add(scenario, `${label} CPU per reply`, Math.round(med(name, 'cpuMicrosPerReply')), 'µs');
    const errors = samples[name].reduce((sum, s) => sum + s.errors, 0);
    if (errors > 0) report.add(scenario, `${label} failed requests`, errors);
  }
  const failed = samples.ours.reduce((sum, s) => sum + s.errors, 0);
  const cpu = med('ours', 'cpuMicrosPerReply') / med('bare', 'cpuMicrosPerReply');
  report.judge(scenario, 'CPU per reply ours/bare', round(cpu), 'x', '<= 1.1x', cpu <= 1.1 && failed === 0);
  const p99 = med('ours', 'p99') / Math.max(1, med('bare', 'p99'));
  if (connections === 20) report.judge(scenario, 'p99 post-to-card ours/bare', round(p99), 'x', '<= 1.1x', p99 <= 1.1);
  else report.add(scenario, 'p99 post-to-card ours/bare', round(p99), 'x');
  const card = med('ours', 'cpuMicrosPerReply') / med('bare-card', 'cpuMicrosPerReply');
  report.add(scenario, 'CPU per reply ours/bare with our card', round(card), 'x', 'our pipeline without the card');
  const plain = med('ours-plain-card', 'cpuMicrosPerReply') / med('bare', 'cpuMicrosPerReply');
  report.add(scenario, 'CPU per reply ours with the plain card/bare', round(plain), 'x', 'the same card on both');
  const echo = med('ours', 'cpuMicrosPerReply') / med('echo', 'cpuMicrosPerReply');
  report.add(scenario, 'CPU per reply ours/echo', round(echo), 'x', 'echo floor, no upstream call');
}
