// Smoke test of `npm run bench`: every scenario runs at a tiny size, so the bench code keeps working.
// No timing is asserted (numbers are for `npm run bench` on a quiet machine).
import assert from 'node:assert/strict';
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

/** Every judged row has a finite number, and the table names each verdict. */
function assertJudged(report: Report, least: number): void {
  const judged = report.rows.filter((r) => r.pass !== undefined);
  assert.ok(judged.length >= least, report.table());
  assert.ok(
    judged.every((r) => typeof r.value === 'number' && Number.isFinite(r.value)),
    report.table(),
  );
  assert.equal(report.table().match(/PASS|MISS/g)?.length, judged.length);
}

describe('npm run bench (tiny sizes)', function () {
  // Each scenario starts one to four bot processes; on a loaded machine each start takes seconds.
  this.timeout(180000);
  const value = (report: Report, metric: string): unknown => report.rows.find((r) => r.metric === metric)?.value;

  it('knows every scenario', () => assert.deepEqual(Object.keys(SCENARIOS).sort(), Object.keys(PREFIXES).sort()));

  for (const [name, prefix] of Object.entries(PREFIXES)) {
    it(`runs ${name} and judges its targets`, async () => {
      const report = await runBench(TINY, [name], () => undefined);
      assert.ok(report.rows.length > 0 && report.rows.every((r) => r.scenario.split(/[ :]/)[0] === prefix));
      assertJudged(report, 1);
      const metrics = report.rows.map((r) => r.metric);
      if (name === 'overhead') {
        // Ours is judged against the bare bot doing the same job; the echo bots are labelled extra rows.
        for (const metric of ['CPU per reply ours/bare', 'p99 post-to-card ours/bare']) {
          assert.ok(metrics.includes(metric), `no ${metric}: ${metrics.join(', ')}`);
        }
        assert.ok(metrics.some((m) => m.includes('echo floor, no upstream call')));
      }
      if (name === 'memory') assert.ok(metrics.includes('RSS after 5 ours/bare'), metrics.join(', '));
      if (name === 'rate') {
        // Every reply counted, and no Defender call beyond the budget.
        assert.equal(value(report, 'Defender calls answered'), TINY.rateBurst);
        assert.equal(value(report, '429s from Defender'), 0);
      }
      if (name === 'entra') {
        assert.equal(value(report, 'commands answered with data'), TINY.entraCommands);
        assert.equal(value(report, 'token requests'), TINY.entraUsers);
      }
    });
  }

  it('soaks: memory and every recorded structure against its bound at each reading', async () => {
    const size = withSoakFlags(TINY, ['--commands', '30', '--every', '15', '--first', '10']);
    const report = await runBench(size, ['soak'], () => undefined);
    const metrics = report.rows.map((r) => r.metric);
    for (const at of ['10', '15', '30']) assert.ok(metrics.includes(`after ${at}: memory`), metrics.join(', '));
    for (const name of ['welcome ledger', 'limiter tenants', 'coalescing map', 'SQLite page cache ceiling (KiB)']) {
      assert.equal(report.rows.find((r) => r.metric === `${name}: most held`)?.pass, true, report.table());
    }
    // Each of the 20 conversations was installed once: the ledger holds them all.
    assert.equal(value(report, 'welcome ledger: most held'), TINY.soak.conversations);
    assert.equal(value(report, 'failed commands'), 0);
  });
});
