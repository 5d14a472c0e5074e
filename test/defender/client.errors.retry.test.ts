// DefenderClient over HTTP, errors: retries of transient 5xx answers and dropped connections.
import assert from 'node:assert/strict';
import sinon from 'sinon';
import { useClientFixture, kbItem, TOKEN } from '../support/defenderClient';
import { failure } from '../support/errors';
import { odata, odataError } from '../support/fakeDefender';
import { sendJson, startLocal } from '../support/localServer';

describe('DefenderClient over HTTP (FakeDefender on 127.0.0.1)', () => {
  const fx = useClientFixture();

  describe('errors', () => {
    const ID = 'contoso-_-app';

    it('retries after a 500 and succeeds', async () => {
      fx.fake.script(
        ID,
        { status: 500, body: odataError('InternalServerError', 'Oops') },
        { body: odata([kbItem('1'), kbItem('2')]) },
      );
      const getToken = sinon.stub<[], Promise<string>>().resolves(TOKEN);
      const result = await fx.client({ backoffBaseMs: 5, getToken }).getMissingKbs(ID);
      assert.equal(result.kbs.length, 2);
      assert.equal(fx.fake.requests.length, 2);
      sinon.assert.calledOnce(getToken);
    });

    it('retries 502 and 504 too', async () => {
      fx.fake.script(ID, { status: 502, body: 'Bad gateway' }, { status: 504, body: '' }, { body: odata([]) });
      const result = await fx.client({ maxRetries: 2 }).getMissingKbs(ID);
      assert.equal(result.complete, true);
      assert.equal(fx.fake.requests.length, 3);
    });

    it('gives upstream-failure after 1 + maxRetries requests when Defender answers 503 every time', async () => {
      fx.fake.script(ID, { status: 503, body: odataError('ServiceUnavailable', 'Down', 'corr-503') });
      const err = await failure(fx.client().getMissingKbs(ID));
      assert.equal(err.code, 'upstream-failure');
      assert.equal(err.details.status, 503);
      assert.equal(err.details.correlationId, 'corr-503');
      assert.equal(fx.fake.requests.length, 3, 'default maxRetries is 2');

      fx.fake.requests.splice(0);
      await failure(fx.client({ maxRetries: 4 }).getMissingKbs(ID));
      assert.equal(fx.fake.requests.length, 5);
    });

    it('makes one request with maxRetries 0', async () => {
      fx.fake.script(ID, { status: 503 }, { body: odata([]) });
      const err = await failure(fx.client({ maxRetries: 0 }).getMissingKbs(ID));
      assert.equal(err.code, 'upstream-failure');
      assert.equal(fx.fake.requests.length, 1);
    });

    it('does not retry a 5xx that is not transient (501)', async () => {
      fx.fake.script(ID, { status: 501 }, { body: odata([]) });
      const err = await failure(fx.client().getMissingKbs(ID));
      assert.equal(err.code, 'upstream-failure');
      assert.equal(err.details.status, 501);
      assert.equal(fx.fake.requests.length, 1);
    });

    it('retries after a connection reset and succeeds', async () => {
      fx.fake.script(ID, { reset: true }, { body: odata([kbItem('1')]) });
      const result = await fx.client().getMissingKbs(ID);
      assert.deepEqual(
        result.kbs.map((k) => k.id),
        ['1'],
      );
      assert.equal(fx.fake.requests.length, 2);
    });

    it('gives upstream-failure when the connection is reset every time', async () => {
      fx.fake.script(ID, { reset: true });
      const err = await failure(fx.client().getMissingKbs(ID));
      assert.equal(err.code, 'upstream-failure');
      assert.equal(err.details.softwareId, ID);
      assert.equal(err.details.status, undefined);
      assert.ok(err.cause instanceof Error);
      assert.equal(fx.fake.requests.length, 3);
    });

    it('gives upstream-failure when the connection drops in the middle of the body', async () => {
      const server = await fx.local((_req, res, later) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"value":[{"id":"1",');
        later(10, () => res.socket?.destroy());
      });
      const err = await failure(fx.client({ baseUrl: server.url }).getMissingKbs(ID));
      assert.equal(err.code, 'upstream-failure');
    });

    it('retries a connection that drops mid-body, and answers with the next attempt', async () => {
      let calls = 0;
      const server = await fx.local((_req, res, later) => {
        calls++;
        if (calls > 1) return sendJson(res, odata([kbItem('5001')]));
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"value":[{"id":"1",');
        later(10, () => res.socket?.destroy());
      });
      const result = await fx.client({ baseUrl: server.url }).getMissingKbs(ID);
      assert.equal(server.requests.length, 2);
      assert.deepEqual(
        result.kbs.map((k) => k.id),
        ['5001'],
      );
    });

    it('gives upstream-failure when nothing listens', async () => {
      const server = await startLocal(() => undefined);
      const url = server.url;
      await server.close();
      const err = await failure(fx.client({ baseUrl: url, maxRetries: 1 }).getMissingKbs(ID));
      assert.equal(err.code, 'upstream-failure');
    });

    it('gives upstream-failure for an HTML error page with status 502, after retries', async () => {
      const html = '<html><head><title>502 Bad Gateway</title></head><body>nginx internal detail</body></html>';
      fx.fake.script(ID, { status: 502, body: html, headers: { 'content-type': 'text/html' } });
      const err = await failure(fx.client().getMissingKbs(ID));
      assert.equal(err.code, 'upstream-failure');
      assert.equal(err.details.status, 502);
      assert.equal(err.details.upstreamCode, undefined);
      assert.equal(err.details.correlationId, undefined);
      assert.doesNotMatch(err.message, /html|nginx/i);
      assert.equal(fx.fake.requests.length, 3);
    });
  });
});
