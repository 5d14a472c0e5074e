/** withTyping on fake timers: when indicators go out, and that nothing is left running after the reply. */
import assert from 'node:assert/strict';
import sinon from 'sinon';
import type { TurnContext } from 'botbuilder';
import { withTyping } from '../../src/bot/typing';
import { silentLogger } from '../../src/log';

describe('withTyping', () => {
  let clock: sinon.SinonFakeTimers;
  beforeEach(() => (clock = sinon.useFakeTimers()));
  afterEach(() => clock.restore());

  /** A turn whose sends take `sendMs` each; `sent` lists the activity types in order. */
  const turn = (sendMs = 0): { context: TurnContext; sent: string[] } => {
    const sent: string[] = [];
    const sendActivity = (activity: { type: string }): Promise<void> =>
      new Promise((resolve) => setTimeout(() => (sent.push(activity.type), resolve()), sendMs));
    return { context: { sendActivity } as unknown as TurnContext, sent };
  };
  const after =
    (ms: number, value = 'card'): (() => Promise<string>) =>
    () =>
      new Promise((resolve) => setTimeout(() => resolve(value), ms));

  it('sends nothing for a fast answer and leaves no timer behind', async () => {
    const { context, sent } = turn();
    const result = withTyping(context, after(100), silentLogger, { delayMs: 250, periodMs: 2500 });
    await clock.tickAsync(100);
    assert.equal(await result, 'card');
    assert.deepEqual([sent, clock.countTimers()], [[], 0]);
  });

  it('renews the indicator while slow work runs, lets the last one arrive first, and leaves no timer behind', async () => {
    const { context, sent } = turn(300);
    let done = false;
    const result = withTyping(context, after(2900), silentLogger, { delayMs: 250, periodMs: 2500 }).then((card) => {
      done = true;
      return card;
    });
    await clock.tickAsync(2900);
    // Indicators went at 250 and 2750 ms; the second is still on its way when the work ends.
    assert.deepEqual([sent, done], [['typing'], false]);
    await clock.tickAsync(150);
    assert.deepEqual([sent, done, await result], [['typing', 'typing'], true, 'card']);
    assert.equal(clock.countTimers(), 0);
  });
});
