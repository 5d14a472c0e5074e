// DefenderClient over HTTP, errors: the deadline (timeouts) and the caller's abort signal.
import assert from 'node:assert/strict';
import { failure } from '../support/errors';
import { odata } from '../support/fakeDefender';
import { sendJson } from '../support/localServer';
import { useClientFixture } from '../support/defenderClient';

describe('DefenderClient over HTTP (FakeDefender on 127.0.0.1)', () => {
  const fx = useClientFixture();

  describe('errors', () => {
    const ID = 'contoso-_-app';

    it('keeps a hung token provider within the deadline', async () => {
      const started = Date.now();
      const err = await failure(
        fx.client({ getToken: () => new Promise<string>(() => undefined), timeoutMs: 1000 }).getMissingKbs(ID),
      );
      assert.equal(err.code, 'timeout');
      assert.ok(Date.now() - started < 1800);
      assert.equal(fx.fake.requests.length, 0);
    });

    it('gives timeout quickly when Defender answers after the deadline', async () => {
      const server = await fx.local((_req, res, later) => later(3000, () => sendJson(res, odata([]))));
      const started = Date.now();
      const err = await failure(fx.client({ baseUrl: server.url, timeoutMs: 1000 }).getMissingKbs(ID));
      const elapsed = Date.now() - started;
      assert.equal(err.code, 'timeout');
      assert.equal(err.details.softwareId, ID);
      assert.ok(elapsed >= 900 && elapsed < 2000, `rejected after ${elapsed} ms`);
      assert.equal(server.requests.length, 1);
    });

    it('gives timeout when the body stalls after the headers', async () => {
      const server = await fx.local((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"value":[');
      });
      const started = Date.now();
      const err = await failure(fx.client({ baseUrl: server.url, timeoutMs: 300 }).getMissingKbs(ID));
      assert.equal(err.code, 'timeout');
      assert.ok(Date.now() - started < 1500);
    });

    it('stops when the caller aborts', async () => {
      const server = await fx.local((_req, res, later) => later(3000, () => sendJson(res, odata([]))));
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      const started = Date.now();
      const err = await failure(fx.client({ baseUrl: server.url }).getMissingKbs(ID, controller.signal));
      assert.ok(Date.now() - started < 1000);
      assert.notEqual(err.code, 'timeout');
      assert.equal(err.details.softwareId, ID);
      assert.equal((err.cause as Error).name, 'AbortError');
      assert.equal(server.requests.length, 1, 'no retry after the caller aborted');
    });

    it('sends nothing when the caller signal is already aborted', async () => {
      fx.fake.script(ID, { body: odata([]) });
      const err = await failure(fx.client().getMissingKbs(ID, AbortSignal.abort()));
      assert.equal(err.details.softwareId, ID);
      assert.equal(fx.fake.requests.length, 0);
    });

    it('stops waiting out a 429 when the caller aborts', async () => {
      fx.fake.script(ID, { status: 429, headers: { 'retry-after': '5' } }, { body: odata([]) });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 100);
      const started = Date.now();
      await failure(fx.client().getMissingKbs(ID, controller.signal));
      assert.ok(Date.now() - started < 1000);
      assert.equal(fx.fake.requests.length, 1);
    });
  });
});
