/**
 * Bot overhead: our bot (createApp, demo mode, zero-latency Defender stand-in) against bare
 * botbuilder echo bots on the same restify server, each in a process of its own, measured in turns
 * (echo, echo-later, ours, echo...) so machine noise hits all alike. A request is done when its
 * reply reaches the connector. Cost per request: the server process's CPU time per reply.
 * The echo bot replies inside the turn (the framework's floor, the target's reference); echo-later
 * replies in a turn of its own as ours does, so ours/echo-later is the share of our own code.
 */
import { BenchChannel } from './channel';
import { startChild, type ChildBot } from './child';
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
  const channel = await BenchChannel.start({ text: '/missingkbs microsoft-_-edge', users: 10000 });
  const ours = await startChild('bot', { DEFENDER_API_BASE_URL: defender.url, ...UNLIMITED });
  const echo = await startChild('echo');
  const echoLater = await startChild('echo-later');
  const bots: Record<string, ChildBot> = { echo, 'echo-later': echoLater, ours };
  try {
    for (const bot of Object.values(bots)) {
      channel.target(bot.url);
      await measure(bot, channel, 10, size, 1); // warm-up: JIT, connection pools
    }
    for (const connections of [1, 50]) {
      const samples: Record<string, Sample[]> = { echo: [], 'echo-later': [], ours: [] };
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

function record(report: Report, connections: number, samples: Record<string, Sample[]>): void {
  const scenario = `overhead c=${connections}`;
  const med = (name: string, key: keyof Sample): number => median(samples[name].map((s) => s[key]));
  for (const name of Object.keys(samples)) {
    const label = name === 'ours' ? 'our bot' : `${name} bot`;
    report.add(scenario, `${label} replies/s`, round(med(name, 'perSecond')));
    report.add(scenario, `${label} p50 / p99`, `${med(name, 'p50')} / ${med(name, 'p99')}`, 'ms');
    report.add(scenario, `${label} CPU per reply`, Math.round(med(name, 'cpuMicrosPerReply')), 'µs');
    const errors = samples[name].reduce((sum, s) => sum + s.errors, 0);
    if (errors > 0) report.add(scenario, `${label} failed requests`, errors);
  }
  const ratio = med('ours', 'cpuMicrosPerReply') / med('echo', 'cpuMicrosPerReply');
  report.judge(scenario, 'cost per request (CPU) ours/echo', round(ratio), 'x', '<= 1.3x', ratio <= 1.3);
  const later = med('ours', 'cpuMicrosPerReply') / med('echo-later', 'cpuMicrosPerReply');
  report.add(scenario, 'cost per request (CPU) ours/echo-later', round(later), 'x');
  const rate = med('echo', 'perSecond') / med('ours', 'perSecond');
  report.add(scenario, 'throughput echo/ours', round(rate), 'x');
}
