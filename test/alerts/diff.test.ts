/** diffKbs: new, grown (threshold, cumulative), equal, decreased, resolved, incomplete answers, big inputs. */
import assert from 'node:assert/strict';
import { baselineState, diffKbs, type KbState } from '../../src/alerts/diff';
import { kb, many, result } from '../support/kbs';

const state = (kbs: Record<string, number>, resolved: string[] = []): KbState => ({ kbs, resolved });

describe('diffKbs', () => {
  it('takes every KB at its count as the baseline', () => {
    const base = baselineState(result([kb({ id: '1', machineMissedOn: 5 }), kb({ id: '2', machineMissedOn: 9 })]));
    assert.deepEqual(base, state({ 1: 5, 2: 9 }));
  });

  it('reports a newly missing KB and alerts', () => {
    const diff = diffKbs(
      state({ 1: 5 }),
      result([kb({ id: '1', machineMissedOn: 5 }), kb({ id: '2', machineMissedOn: 3 })]),
      5,
    );
    assert.deepEqual(
      diff.newKbs.map((k) => k.id),
      ['2'],
    );
    assert.deepEqual(diff.grown, []);
    assert.equal(diff.alert, true);
    assert.deepEqual(diff.next.kbs, { 1: 5, 2: 3 });
  });

  it('alerts on growth of exactly the threshold, not one less', () => {
    const at = diffKbs(state({ 1: 10 }), result([kb({ id: '1', machineMissedOn: 15 })]), 5);
    assert.equal(at.alert, true);
    assert.deepEqual(
      at.grown.map((g) => [g.kb.id, g.before, g.kb.machineMissedOn]),
      [['1', 10, 15]],
    );
    assert.deepEqual(at.next.kbs, { 1: 15 });
    const below = diffKbs(state({ 1: 10 }), result([kb({ id: '1', machineMissedOn: 14 })]), 5);
    assert.equal(below.alert, false);
    assert.deepEqual(below.grown, []);
    // The reference stays, so growth below the threshold adds up over polls.
    assert.deepEqual(below.next.kbs, { 1: 10 });
  });

  it('adds slow growth up until it reaches the threshold', () => {
    let current = state({ 1: 100 });
    const alerts: boolean[] = [];
    for (const count of [102, 103, 104, 105]) {
      const diff = diffKbs(current, result([kb({ id: '1', machineMissedOn: count })]), 5);
      alerts.push(diff.alert);
      current = diff.next;
    }
    assert.deepEqual(alerts, [false, false, false, true]);
    assert.deepEqual(current.kbs, { 1: 105 });
  });

  it('does not alert on equal counts or on a decrease, and lowers the reference on a decrease', () => {
    assert.equal(diffKbs(state({ 1: 10 }), result([kb({ id: '1', machineMissedOn: 10 })]), 1).alert, false);
    const down = diffKbs(state({ 1: 10 }), result([kb({ id: '1', machineMissedOn: 4 })]), 1);
    assert.equal(down.alert, false);
    assert.deepEqual(down.next.kbs, { 1: 4 });
    // Climbing back from the low point by the threshold alerts.
    assert.equal(diffKbs(down.next, result([kb({ id: '1', machineMissedOn: 5 })]), 1).alert, true);
  });

  it('treats a threshold below 1 as 1', () => {
    assert.equal(diffKbs(state({ 1: 10 }), result([kb({ id: '1', machineMissedOn: 10 })]), 0).alert, false);
    assert.equal(diffKbs(state({ 1: 10 }), result([kb({ id: '1', machineMissedOn: 11 })]), 0).alert, true);
  });

  it('reports KBs no longer missing without alerting, and keeps them until the next alert', () => {
    const quiet = diffKbs(state({ 1: 10, 2: 3 }), result([kb({ id: '1', machineMissedOn: 10 })]), 5);
    assert.equal(quiet.alert, false);
    assert.deepEqual(quiet.resolved, ['2']);
    assert.deepEqual(quiet.next, state({ 1: 10 }, ['2']));
    const loud = diffKbs(
      quiet.next,
      result([kb({ id: '1', machineMissedOn: 10 }), kb({ id: '7', machineMissedOn: 1 })]),
      5,
    );
    assert.equal(loud.alert, true);
    assert.deepEqual(loud.resolved, ['2']);
    assert.deepEqual(loud.next.resolved, []);
  });

  it('treats a resolved KB that comes back as new', () => {
    const back = diffKbs(
      state({ 1: 10 }, ['2']),
      result([kb({ id: '1', machineMissedOn: 10 }), kb({ id: '2', machineMissedOn: 3 })]),
      5,
    );
    assert.deepEqual(
      back.newKbs.map((k) => k.id),
      ['2'],
    );
    assert.deepEqual(back.resolved, []);
  });

  it('keeps KBs an incomplete answer did not list instead of calling them resolved', () => {
    const diff = diffKbs(
      state({ 1: 10, 2: 3 }),
      result([kb({ id: '1', machineMissedOn: 10 })], { complete: false }),
      5,
    );
    assert.deepEqual(diff.resolved, []);
    assert.deepEqual(diff.next.kbs, { 1: 10, 2: 3 });
  });

  it('handles empty states and answers', () => {
    const none = diffKbs(state({}), result([]), 5);
    assert.equal(none.alert, false);
    assert.deepEqual(none.next, state({}));
    const allGone = diffKbs(state({ 1: 1, 2: 2 }), result([]), 5);
    assert.equal(allGone.alert, false);
    assert.deepEqual(allGone.resolved, ['1', '2']);
  });

  it('keeps the larger count of a KB listed twice', () => {
    const diff = diffKbs(
      state({ 1: 10 }),
      result([kb({ id: '1', machineMissedOn: 11 }), kb({ id: '1', machineMissedOn: 20 })]),
      5,
    );
    assert.deepEqual(
      diff.grown.map((g) => g.kb.machineMissedOn),
      [20],
    );
  });

  it('orders new KBs by devices and grown KBs by growth', () => {
    const diff = diffKbs(
      state({ 1: 10, 2: 10 }),
      result([
        kb({ id: '1', machineMissedOn: 16 }),
        kb({ id: '2', machineMissedOn: 40 }),
        kb({ id: '3', machineMissedOn: 2 }),
        kb({ id: '4', machineMissedOn: 9 }),
      ]),
      5,
    );
    assert.deepEqual(
      diff.newKbs.map((k) => k.id),
      ['4', '3'],
    );
    assert.deepEqual(
      diff.grown.map((g) => g.kb.id),
      ['2', '1'],
    );
  });

  it('compares 10,000 KBs: all equal, then one new and one grown', () => {
    const kbs = many(10_000);
    const base = baselineState(result(kbs));
    assert.equal(Object.keys(base.kbs).length, 10_000);
    assert.equal(diffKbs(base, result(kbs), 5).alert, false);
    const changed = kbs.map((k, i) => (i === 5000 ? { ...k, machineMissedOn: k.machineMissedOn + 5 } : k));
    const diff = diffKbs(base, result([...changed, kb({ id: '9999999', machineMissedOn: 1 })]), 5);
    assert.deepEqual(
      diff.newKbs.map((k) => k.id),
      ['9999999'],
    );
    assert.deepEqual(
      diff.grown.map((g) => g.kb.id),
      [kbs[5000].id],
    );
    assert.equal(Object.keys(diff.next.kbs).length, 10_001);
  });
});
