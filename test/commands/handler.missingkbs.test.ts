// CommandHandler (src/commands/handler.ts): the missingkbs command, the source call, the card and the log line.
import assert from 'node:assert/strict';
import sinon from 'sinon';
import type { RequestContext } from '../../src/commands/types';
import { parseCommand } from '../../src/commands/parse';
import { CHANNEL, EDGE_RESULT, harness, heading, PERSONAL, shownText } from '../support/commandHandler';

describe('CommandHandler', () => {
  afterEach(() => {
    sinon.restore();
  });

  describe('missingkbs', () => {
    it('calls the source once with the normalised id and the request, and shows the KBs', async () => {
      const h = harness();
      const command = parseCommand('\u00a0/MissingKBs&nbsp;"Microsoft-_-Edge".');
      const card = await h.handler.handle(command, CHANNEL);
      sinon.assert.calledOnce(h.source);
      sinon.assert.calledWithExactly(h.source, 'microsoft-_-edge', CHANNEL);
      assert.equal(heading(card), 'Missing security updates');
      const text = shownText(card);
      for (const expected of [
        'KB4540673',
        'March 2020 Security Updates',
        '240 devices',
        '14 CVEs',
        'microsoft-_-edge',
      ]) {
        assert.ok(text.includes(expected), `card shows ${expected}`);
      }
    });

    it('passes the caller’s abort signal through, in the same request object', async () => {
      const h = harness();
      const controller = new AbortController();
      const request: RequestContext = { ...PERSONAL, signal: controller.signal };
      await h.handler.handle({ kind: 'missingkbs', softwareId: 'microsoft-_-edge' }, request);
      assert.equal(h.source.firstCall.args[1], request);
      assert.equal(h.source.firstCall.args[1].signal, controller.signal);
    });

    it('shows the "No missing security updates" card for an empty result', async () => {
      const h = harness();
      h.source.resolves({ softwareId: 'microsoft-_-edge', kbs: [], skipped: 0, pages: 1, complete: true });
      const card = await h.handler.handle({ kind: 'missingkbs', softwareId: 'microsoft-_-edge' }, PERSONAL);
      assert.equal(heading(card), 'No missing security updates');
    });

    it('logs one info line with the id, counts and duration', async () => {
      const h = harness();
      await h.handler.handle({ kind: 'missingkbs', softwareId: 'microsoft-_-edge' }, PERSONAL);
      const records = h.records();
      assert.equal(records.length, 1);
      const [record] = records;
      assert.equal(record.level, 'info');
      assert.equal(record.msg, 'command.missingkbs');
      assert.equal(record.softwareId, 'microsoft-_-edge');
      assert.equal(record.kbs, 1);
      assert.equal(record.pages, 2);
      assert.equal(record.skipped, 1);
      assert.equal(typeof record.ms, 'number');
      assert.ok((record.ms as number) >= 0);
    });

    it('measures the duration with the clock', async () => {
      const clock = sinon.useFakeTimers({ now: 1_000_000, toFake: ['Date'] });
      const h = harness();
      h.source.callsFake(() => {
        clock.tick(1234);
        return Promise.resolve(EDGE_RESULT);
      });
      await h.handler.handle({ kind: 'missingkbs', softwareId: 'microsoft-_-edge' }, PERSONAL);
      assert.equal(h.records()[0].ms, 1234);
    });

    it('writes nothing at log level silent and still answers', async () => {
      const h = harness('silent');
      const card = await h.handler.handle({ kind: 'missingkbs', softwareId: 'microsoft-_-edge' }, PERSONAL);
      assert.equal(heading(card), 'Missing security updates');
      assert.deepEqual(h.lines, []);
    });
  });
});
