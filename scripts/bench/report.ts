/** The bench's results: rows of measurements, targets judged PASS or MISS, a table and build/bench.json. */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** One measured figure. */
export interface Row {
  readonly scenario: string;
  readonly metric: string;
  readonly value: number | string;
  readonly unit?: string;
  /** The target, in words ("<= 1.3x"), when this figure has one. */
  readonly target?: string;
  readonly pass?: boolean;
  readonly note?: string;
}

/** Collects rows as scenarios finish. */
export class Report {
  readonly rows: Row[] = [];
  private readonly started = Date.now();

  /** Adds a figure without a target. */
  add(scenario: string, metric: string, value: number | string, unit?: string, note?: string): void {
    this.rows.push({ scenario, metric, value, unit, note });
  }

  /** Adds a figure judged against a target. */
  judge(
    scenario: string,
    metric: string,
    value: number,
    unit: string,
    target: string,
    pass: boolean,
    note?: string,
  ): void {
    this.rows.push({ scenario, metric, value, unit, target, pass, note });
  }

  /** Targets met and missed. */
  get verdicts(): { met: number; missed: number } {
    const judged = this.rows.filter((r) => r.pass !== undefined);
    const met = judged.filter((r) => r.pass).length;
    return { met, missed: judged.length - met };
  }

  /** The table as text. */
  table(): string {
    const header = ['scenario', 'metric', 'value', 'target', 'result'];
    const lines = this.rows.map((r) => [
      r.scenario,
      r.metric,
      `${r.value}${r.unit ? ` ${r.unit}` : ''}`,
      r.target ?? '',
      r.pass === undefined ? '' : r.pass ? 'PASS' : 'MISS',
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
    const format = (cells: string[]): string =>
      cells
        .map((c, i) => c.padEnd(widths[i]))
        .join('  ')
        .trimEnd();
    return [format(header), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.map(format)].join('\n');
  }

  /** Writes the results, with the machine and its load, as JSON. */
  write(file: string, settings: object): void {
    mkdirSync(path.dirname(file), { recursive: true });
    const json = {
      date: new Date().toISOString(),
      seconds: Math.round((Date.now() - this.started) / 1000),
      machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version, loadavg: os.loadavg() },
      settings,
      ...this.verdicts,
      rows: this.rows,
    };
    writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
  }
}
