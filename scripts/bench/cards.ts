/** Card building: time (median of many builds) and serialized size for 10 to 10,000 KBs. */
import { performance } from 'node:perf_hooks';
import { buildMissingKbsCard, CARD_BYTE_BUDGET } from '../../src/cards/missingKbsCard';
import { cardSize } from '../../src/cards/template';
import { many, result } from '../../test/support/kbs';
import { median, round } from './load';
import type { Report } from './report';
import type { BenchSize } from './size';

export const CARD_COUNTS = [10, 100, 1000, 10000];

export function cards(report: Report, size: BenchSize): void {
  for (const count of CARD_COUNTS) {
    // Realistic entries: names and product lists as long as Defender's, varied devices and CVEs.
    const input = result(
      many(count, (i) => ({
        name: `${2020 + (i % 6)}-${String(1 + (i % 12)).padStart(2, '0')} Cumulative Security Update for Windows ${i}`,
        productsNames: ['windows_10', 'windows_server_2019', 'edge'].slice(0, 1 + (i % 3)),
        machineMissedOn: (i * 7919) % 5000,
      })),
    );
    buildMissingKbsCard(input); // warm-up
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < size.cardIterations; i++) {
      const started = performance.now();
      const card = buildMissingKbsCard(input);
      times.push(performance.now() - started);
      bytes = cardSize(card);
    }
    const ms = round(median(times));
    const scenario = `card ${count.toLocaleString('en-US')} KBs`;
    if (count === 1000) report.judge(scenario, 'build time (median)', ms, 'ms', '<= 5 ms', ms <= 5);
    else report.add(scenario, 'build time (median)', ms, 'ms');
    report.judge(scenario, 'serialized size', bytes, 'B', `<= ${CARD_BYTE_BUDGET} B`, bytes <= CARD_BYTE_BUDGET);
  }
}
