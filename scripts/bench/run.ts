/**
 * `npm run bench`: every scenario in turn, a table on stdout and build/bench.json.
 * `npm run bench -- overhead cards` runs only those. `npm run bench -- soak [--commands N ...]` runs the
 * soak (not part of the default run; flags in size.ts) and writes build/soak.json. Everything runs on loopback.
 */
import path from 'node:path';
import { cards } from './cards';
import { entra } from './entra';
import { memory } from './memory';
import { overhead } from './overhead';
import { rate } from './rate';
import { Report } from './report';
import { FULL, withSoakFlags, type BenchSize } from './size';
import { soak } from './soak';
import { slowUpstream } from './slowUpstream';

/** The scenarios, by name, in the order they run. */
export const SCENARIOS: Record<
  string,
  (report: Report, size: BenchSize, log: (line: string) => void) => Promise<void> | void
> = {
  cards,
  overhead,
  slow: slowUpstream,
  entra,
  rate,
  memory,
};

/** Scenarios run only when named. */
export const EXTRA_SCENARIOS: typeof SCENARIOS = { soak };

/** Runs the named scenarios (all by default) at a size, logging progress to stderr. */
export async function runBench(
  size: BenchSize,
  names = Object.keys(SCENARIOS),
  log: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Promise<Report> {
  const report = new Report();
  for (const name of names) {
    const scenario = SCENARIOS[name] ?? EXTRA_SCENARIOS[name];
    if (!scenario) throw new Error(`unknown scenario ${name}; known: ${Object.keys(SCENARIOS).join(', ')}`);
    const started = Date.now();
    await scenario(report, size, log);
    log(`bench: ${name} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  return report;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const flagAt = args.findIndex((a) => a.startsWith('--'));
  const names = flagAt < 0 ? args : args.slice(0, flagAt);
  const size = withSoakFlags(FULL, flagAt < 0 ? [] : args.slice(flagAt));
  const report = await runBench(size, names.length > 0 ? names : undefined);
  const file = path.resolve('build', names.length === 1 && names[0] === 'soak' ? 'soak.json' : 'bench.json');
  report.write(file, size);
  process.stdout.write(`${report.table()}\n\n`);
  const { met, missed } = report.verdicts;
  process.stdout.write(`targets: ${met} met, ${missed} missed; written to ${path.relative(process.cwd(), file)}\n`);
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
      process.exit(1);
    },
  );
}
