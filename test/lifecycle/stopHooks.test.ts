// StopHooks (src/stopHooks.ts): the close hooks of App.stop, in reverse order, each bounded, each run once.
import assert from 'node:assert/strict';
import { createLogger } from '../../src/log';
import { StopHooks } from '../../src/lifecycle/stopHooks';

describe('StopHooks', () => {
  it('closes in reverse order of registration (a part before what it uses), each once however often asked', async () => {
    const order: string[] = [];
    const hooks = new StopHooks(createLogger('silent'));
    hooks.add('storage', () => void order.push('storage'));
    hooks.add('alerts poller', async () => {
      await new Promise((r) => setTimeout(r, 10));
      order.push('alerts poller');
    });
    await hooks.closeAll();
    await hooks.closeAll();
    assert.deepEqual(order, ['alerts poller', 'storage']);
  });

  it('logs a hook that fails or hangs, and still runs the others', async () => {
    const lines: string[] = [];
    const closed: string[] = [];
    const hooks = new StopHooks(
      createLogger('error', (line) => lines.push(line)),
      50,
    );
    hooks.add('storage', () => void closed.push('storage'));
    hooks.add('hanging', () => new Promise<void>(() => undefined));
    hooks.add('failing', () => {
      throw new Error('disk gone');
    });
    await hooks.closeAll();
    assert.deepEqual(closed, ['storage']);
    assert.equal(lines.filter((l) => l.includes('app.close_failed')).length, 2, lines.join('\n'));
    assert.ok(lines.some((l) => l.includes('"part":"failing"') && l.includes('disk gone')));
  });
});
