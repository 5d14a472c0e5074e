/**
 * `npm run bench`: every scenario in turn, a table on stdout and build/bench.json.
 * `npm run bench -- overhead cards` runs only those. Everything runs on loopback.
 */
import path from 'node:path';
import { cards } from './cards';
import { entra } from './entra';
import { memory } from './memory';
import { overhead } from './overhead';
import { rate } from './rate';
import { Report } from './report';
import { FULL, type BenchSize } from './size';
import { slowUpstream } from './slowUpstream';

/** The scenarios, by name, in the order they run. */
export const SCENARIOS: Record<string, (report: Report, size: BenchSize) => Promise<void> | void> = {
  cards,
  overhead,
  slow: slowUpstream,
  entra,
  rate,
  memory,
};

/** Runs the named scenarios (all by default) at a size, logging progress to stderr. */
export async function runBench(
  size: BenchSize,
  names = Object.keys(SCENARIOS),
  log: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Promise<Report> {
  const report = new Report();
  for (const name of names) {
    const scenario = SCENARIOS[name];
    if (!scenario) throw new Error(`unknown scenario ${name}; known: ${Object.keys(SCENARIOS).join(', ')}`);
    const started = Date.now();
    await scenario(report, size);
    log(`bench: ${name} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  return report;
}

async function main(): Promise<void> {
  const names = process.argv.slice(2);
  const report = await runBench(FULL, names.length > 0 ? names : undefined);
  const file = path.resolve('build', 'bench.json');
  report.write(file, FULL);
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
