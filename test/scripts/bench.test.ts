// Smoke test of `npm run bench`: every scenario runs at a tiny size, so the bench code keeps working.
// No timing is asserted (numbers are for `npm run bench` on a quiet machine).
import assert from 'node:assert/strict';
import { runBench, SCENARIOS } from '../../scripts/bench/run';
import { TINY } from '../../scripts/bench/size';

describe('npm run bench (tiny sizes)', function () {
  this.timeout(120000);

  it('runs every scenario and judges every target', async () => {
    const report = await runBench(TINY, Object.keys(SCENARIOS), () => undefined);
    const scenarios = new Set(report.rows.map((r) => r.scenario.split(/[ :]/)[0]));
    for (const name of ['card', 'overhead', 'slow', 'Entra', 'rate', 'memory']) {
      assert.ok(scenarios.has(name), `no rows for ${name}: ${[...scenarios].join(', ')}`);
    }
    const judged = report.rows.filter((r) => r.pass !== undefined);
    assert.ok(judged.length >= 10, report.table());
    assert.ok(
      judged.every((r) => typeof r.value === 'number' && Number.isFinite(r.value)),
      report.table(),
    );
    // The table names every judged row's verdict.
    assert.equal(report.table().match(/PASS|MISS/g)?.length, judged.length);
  });

  it('counts every reply, and no Defender call beyond the budget, in the rate and Entra scenarios', async () => {
    const report = await runBench(TINY, ['rate', 'entra'], () => undefined);
    const value = (metric: string): unknown => report.rows.find((r) => r.metric === metric)?.value;
    assert.equal(value('Defender calls answered'), TINY.rateBurst);
    assert.equal(value('429s from Defender'), 0);
    assert.equal(value('commands answered with data'), TINY.entraCommands);
    assert.equal(value('token requests'), TINY.entraUsers);
  });
});
