/**
 * A bot under load in a process of its own, so its CPU time and memory are its own:
 * `node dist/scripts/bench/server.js bot|bare|bare-card|echo|echo-later`. The bot reads its settings from the environment
 * (as `npm start` does) and logs at info level to stdout, which the benchmark discards.
 * Over IPC it says `{ ready, port }`, and answers `stats` with its CPU time and, after a full GC, its memory.
 */
import { createApp, type AppOverrides } from '../../src/app';
import { ConfigError, loadConfig } from '../../src/config';
import { createLogger } from '../../src/log';
import { recordStructures, structureStats, type StructureStats } from '../../src/cache/stats';
import { bareCard, startBareBot } from './bareBot';
import { startEchoBot } from './echoBot';

/** What the server process reports. */
export interface ServerStats {
  /** User + system CPU time since the process started, in microseconds. */
  readonly cpuMicros: number;
  readonly rssBytes: number;
  readonly heapUsedBytes: number;
  /** Heap V8 holds from the system (used or not), and RSS outside it and outside `external`. */
  readonly heapTotalBytes: number;
  /** Memory of buffers and other C++ objects bound to JavaScript objects. */
  readonly externalBytes: number;
  /** Handles and requests keeping the event loop alive (sockets, timers...). */
  readonly handles: number;
  /** With BENCH_STRUCTURES=1: each in-memory structure's size and bound (src/cache/stats.ts). */
  readonly structures: Record<string, StructureStats>;
}

async function main(): Promise<void> {
  const kind = process.argv[2];
  let port: number;
  if (kind === 'echo' || kind === 'echo-later') {
    port = (await startEchoBot(kind === 'echo-later')).port;
  } else if (kind === 'bare' || kind === 'bare-card') {
    port = (await startBareBot(process.env.DEFENDER_API_BASE_URL ?? '', kind === 'bare-card')).port;
  } else {
    if (process.env.BENCH_STRUCTURES === '1') recordStructures();
    const config = loadConfig(process.env);
    // bot-plain-card: ours replying with the bare bot's plain card, so the rest of our pipeline is costed apart.
    const overrides: AppOverrides =
      kind === 'bot-plain-card' ? { missingKbsCard: (result) => bareCard(result.softwareId, result.kbs) } : {};
    port = await createApp(config, process.env, createLogger(config.logLevel), overrides).start();
  }
  process.on('message', (message: { cmd?: string }) => {
    if (message.cmd !== 'stats') return;
    const gc = (globalThis as { gc?: () => void }).gc;
    if (gc) gc();
    const cpu = process.cpuUsage();
    const memory = process.memoryUsage();
    const stats: ServerStats = {
      cpuMicros: cpu.user + cpu.system,
      rssBytes: memory.rss,
      heapUsedBytes: memory.heapUsed,
      heapTotalBytes: memory.heapTotal,
      externalBytes: memory.external,
      handles: process.getActiveResourcesInfo().length,
      structures: structureStats(),
    };
    process.send?.(stats);
  });
  process.on('disconnect', () => process.exit(0));
  process.send?.({ ready: true, port });
}

main().catch((err: unknown) => {
  // A settings problem is said in full by its message (as npm start says it); anything else needs its stack.
  const said = err instanceof ConfigError ? err.message : err instanceof Error ? err.stack : String(err);
  process.stderr.write(`bench server failed: ${said}\n`);
  process.exit(1);
});
