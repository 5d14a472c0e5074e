// Smoke test of `npm run bench`: every scenario runs once at a tiny size, so the bench code keeps working.
// No timing is asserted (numbers are for `npm run bench` on a quiet machine).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { startChildren } from '../../scripts/bench/child';
import { runBench, SCENARIOS } from '../../scripts/bench/run';
import type { Report } from '../../scripts/bench/report';
import { TINY, withSoakFlags } from '../../scripts/bench/size';

/** Scenario name, and the first word of its rows' scenario. */
const PREFIXES: Record<string, string> = {
  cards: 'card',
  overhead: 'overhead',
  slow: 'slow',
  entra: 'Entra',
  rate: 'rate',
  memory: 'memory',
};

describe('npm run bench (tiny sizes)', function () {
  // The scenarios start bot processes; on a loaded machine each start takes seconds.
  this.timeout(180000);
  const value = (report: Report, metric: string): unknown => report.rows.find((r) => r.metric === metric)?.value;
  let report: Report;
  before(async () => {
    report = await runBench(TINY, Object.keys(SCENARIOS), () => undefined);
  });

  it('knows every scenario', () => assert.deepEqual(Object.keys(SCENARIOS).sort(), Object.keys(PREFIXES).sort()));

  it('runs every scenario and judges its targets: a finite number per judged row, a verdict in the table', () => {
    for (const prefix of Object.values(PREFIXES)) {
      const judged = report.rows.filter((r) => r.scenario.split(/[ :]/)[0] === prefix && r.pass !== undefined);
      assert.ok(judged.length >= 1, `${prefix}: ${report.table()}`);
    }
    const judged = report.rows.filter((r) => r.pass !== undefined);
    assert.ok(
      judged.every((r) => typeof r.value === 'number' && Number.isFinite(r.value)),
      report.table(),
    );
    assert.equal(report.table().match(/PASS|MISS/g)?.length, judged.length);
    assert.ok(report.rows.every((r) => Object.values(PREFIXES).includes(r.scenario.split(/[ :]/)[0])));
  });

  it('judges overhead and memory against the bare bot; the echo bots are labelled extra rows', () => {
    const metrics = report.rows.map((r) => r.metric);
    const compared = ['CPU per reply ours/bare', 'p99 post-to-card ours/bare', 'RSS after 5 ours/bare'];
    for (const metric of [
      ...compared,
      'CPU per reply ours/bare with our card',
      'CPU per reply ours with the plain card/bare',
    ]) {
      assert.ok(metrics.includes(metric), `no ${metric}: ${metrics.join(', ')}`);
    }
    assert.ok(metrics.some((m) => m.includes('echo floor, no upstream call')));
  });

  it('stops the bots already started when another fails to start', async () => {
    /** Processes whose parent is this one (from /proc: field 4 of stat, after the name in parentheses). */
    const children = (): string[] =>
      readdirSync('/proc')
        .filter((pid) => /^\d+$/.test(pid))
        .filter((pid) => {
          try {
            return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[1] === String(process.pid);
          } catch {
            return false; // gone since the listing
          }
        });
    const before = children();
    await assert.rejects(startChildren([['echo'], ['bot', { PORT: 'not-a-port' }]]), /exited/);
    assert.deepEqual(children(), before);
  });

  it('counts every rate and entra reply, with no Defender call beyond the budget and one token per user', () => {
    assert.equal(value(report, 'Defender calls answered'), TINY.rateBurst);
    assert.equal(value(report, '429s from Defender'), 0);
    assert.equal(value(report, 'commands answered with data'), TINY.entraCommands);
    assert.equal(value(report, 'token requests'), TINY.entraUsers);
  });

  it('soaks: memory and every recorded structure against its bound at each reading', async () => {
    const size = withSoakFlags(TINY, ['--commands', '30', '--every', '15', '--first', '10']);
    const soak = await runBench(size, ['soak'], () => undefined);
    const metrics = soak.rows.map((r) => r.metric);
    for (const at of ['10', '15', '30']) assert.ok(metrics.includes(`after ${at}: memory`), metrics.join(', '));
    const structures = [
      'welcome ledger',
      'limiter tenants',
      'limiter call times',
      'send pacing keys (thread)',
      'send pacing keys (tenant)',
      'coalescing map',
      'SQLite page cache ceiling (KiB)',
    ];
    for (const name of structures) {
      assert.equal(soak.rows.find((r) => r.metric === `${name}: most held`)?.pass, true, soak.table());
    }
    // Every command was a Defender call, each kept for the hour.
    assert.equal(value(soak, 'limiter call times: most held'), 30);
    // Each of the 20 conversations was installed once: the ledger holds them all.
    assert.equal(value(soak, 'welcome ledger: most held'), TINY.soak.conversations);
    assert.equal(value(soak, 'failed commands'), 0);
  });
});
