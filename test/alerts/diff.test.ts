/** diffKbs: new, grown (threshold, cumulative), equal, decreased, resolved and incomplete answers. */
import assert from 'node:assert/strict';
import { baselineState, diffKbs, type KbState } from '../../src/alerts/diff';
import { kb, result } from '../support/kbs';

/** 'id:count id:count' as [id, count] pairs. */
const pairs = (spec: string): [string, number][] =>
  spec
    .split(' ')
    .filter(Boolean)
    .map((p) => p.split(':'))
    .map(([id, count]) => [id, Number(count)]);
const state = (spec: string, resolved: string[] = []): KbState => ({
  kbs: Object.fromEntries(pairs(spec)),
  resolved,
});
/** An answer listing each KB of the spec at its device count. */
const answer = (spec: string, complete = true) =>
  result(
    pairs(spec).map(([id, machineMissedOn]) => kb({ id, machineMissedOn })),
    { complete },
  );
const ids = (kbs: readonly { id: string }[]): string[] => kbs.map((k) => k.id);

describe('diffKbs', () => {
  it('takes every KB at its count as the baseline', () => {
    assert.deepEqual(baselineState(answer('1:5 2:9')), state('1:5 2:9'));
  });

  // prettier-ignore
  const cases: [string, KbState, ReturnType<typeof answer>, number, string, string, string][] = [
    // [what, before, answer, threshold, new ids, grown id:before>now, next state]
    ['a newly missing KB', state('1:5'), answer('1:5 2:3'), 5, '2', '', '1:5 2:3'],
    ['growth of exactly the threshold', state('1:10'), answer('1:15'), 5, '', '1:10>15', '1:15'],
    // The reference stays, so growth below the threshold adds up over polls.
    ['growth one below the threshold', state('1:10'), answer('1:14'), 5, '', '', '1:10'],
    ['an equal count', state('1:10'), answer('1:10'), 1, '', '', '1:10'],
    ['a decrease (lowers the reference)', state('1:10'), answer('1:4'), 1, '', '', '1:4'],
    ['growth of 1 with a threshold below 1 (taken as 1)', state('1:10'), answer('1:11'), 0, '', '1:10>11', '1:11'],
    ['an equal count with a threshold of 0', state('1:10'), answer('1:10'), 0, '', '', '1:10'],
    ['a resolved KB that comes back', state('1:10', ['2']), answer('1:10 2:3'), 5, '2', '', '1:10 2:3'],
    ['KBs an incomplete answer did not list (kept)', state('1:10 2:3'), answer('1:10', false), 5, '', '', '1:10 2:3'],
    ['an empty state and answer', state(''), answer(''), 5, '', '', ''],
    ['a KB listed twice (the larger count)', state('1:10'), answer('1:11 1:20'), 5, '', '1:10>20', '1:20'],
  ];
  for (const [what, before, now, threshold, newIds, grown, next] of cases) {
    it(`${newIds || grown ? 'alerts' : 'does not alert'} on ${what}`, () => {
      const diff = diffKbs(before, now, threshold);
      assert.equal(diff.alert, Boolean(newIds || grown));
      assert.equal(ids(diff.newKbs).join(' '), newIds);
      assert.equal(diff.grown.map((g) => `${g.kb.id}:${g.before}>${g.kb.machineMissedOn}`).join(' '), grown);
      assert.deepEqual(diff.next.kbs, state(next).kbs);
      assert.deepEqual(diff.resolved, []);
    });
  }

  it('adds slow growth up until it reaches the threshold, and climbs back from a low point', () => {
    let current = state('1:100');
    const alerts = [102, 103, 104, 105, 90, 95].map((count) => {
      const diff = diffKbs(current, answer(`1:${count}`), 5);
      current = diff.next;
      return diff.alert;
    });
    assert.deepEqual(alerts, [false, false, false, true, false, true]);
    assert.deepEqual(current, state('1:95'));
  });

  it('reports KBs no longer missing without alerting, and keeps them until the next alert', () => {
    const quiet = diffKbs(state('1:10 2:3'), answer('1:10'), 5);
    assert.equal(quiet.alert, false);
    assert.deepEqual(quiet.resolved, ['2']);
    assert.deepEqual(quiet.next, state('1:10', ['2']));
    const loud = diffKbs(quiet.next, answer('1:10 7:1'), 5);
    assert.equal(loud.alert, true);
    assert.deepEqual(loud.resolved, ['2']);
    assert.deepEqual(loud.next.resolved, []);
    assert.deepEqual(diffKbs(state('1:1 2:2'), answer(''), 5).resolved, ['1', '2']);
  });

  it('orders new KBs by devices and grown KBs by growth', () => {
    const diff = diffKbs(state('1:10 2:10'), answer('1:16 2:40 3:2 4:9'), 5);
    assert.deepEqual(ids(diff.newKbs), ['4', '3']);
    assert.deepEqual(ids(diff.grown.map((g) => g.kb)), ['2', '1']);
  });
});
