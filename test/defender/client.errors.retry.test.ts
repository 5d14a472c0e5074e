// DefenderClient over HTTP, errors: retries of transient 5xx answers and dropped connections.
import assert from 'node:assert/strict';
import sinon from 'sinon';
import { DefenderClient, type DefenderClientOptions } from '../../src/defender/client';
import { kbItem, TOKEN } from '../support/defenderClient';
import { failure } from '../support/errors';
import { FakeDefender, odata, odataError } from '../support/fakeDefender';
import { type LocalHandler, type LocalServer, sendJson, startLocal } from '../support/localServer';

describe('DefenderClient over HTTP (FakeDefender on 127.0.0.1)', () => {
  let fake: FakeDefender;
  let locals: LocalServer[];

  beforeEach(async () => {
    fake = await FakeDefender.start();
    locals = [];
  });

  afterEach(async () => {
    sinon.restore();
    await Promise.all([fake.close(), ...locals.map((l) => l.close())]);
  });

  async function local(handle: LocalHandler): Promise<LocalServer> {
    const server = await startLocal(handle);
    locals.push(server);
    return server;
  }

  function client(options: Partial<DefenderClientOptions> = {}): DefenderClient {
    return new DefenderClient({
      baseUrl: fake.url,
      getToken: () => Promise.resolve(TOKEN),
      backoffBaseMs: 5,
      ...options,
    });
  }

  describe('errors', () => {
    const ID = 'contoso-_-app';

    it('retries after a 500 and succeeds', async () => {
      fake.script(
        ID,
        { status: 500, body: odataError('InternalServerError', 'Oops') },
        { body: odata([kbItem('1'), kbItem('2')]) },
      );
      const getToken = sinon.stub<[], Promise<string>>().resolves(TOKEN);
      const result = await client({ backoffBaseMs: 5, getToken }).getMissingKbs(ID);
      assert.equal(result.kbs.length, 2);
      assert.equal(fake.requests.length, 2);
      sinon.assert.calledOnce(getToken);
    });

    it('retries 502 and 504 too', async () => {
      fake.script(ID, { status: 502, body: 'Bad gateway' }, { status: 504, body: '' }, { body: odata([]) });
      const result = await client({ maxRetries: 2 }).getMissingKbs(ID);
      assert.equal(result.complete, true);
      assert.equal(fake.requests.length, 3);
    });

    it('gives upstream-failure after 1 + maxRetries requests when Defender answers 503 every time', async () => {
      fake.script(ID, { status: 503, body: odataError('ServiceUnavailable', 'Down', 'corr-503') });
      const err = await failure(client().getMissingKbs(ID));
      assert.equal(err.code, 'upstream-failure');
      assert.equal(err.details.status, 503);
      assert.equal(err.details.correlationId, 'corr-503');
      assert.equal(fake.requests.length, 3, 'default maxRetries is 2');

      fake.requests.splice(0);
      await failure(client({ maxRetries: 4 }).getMissingKbs(ID));
      assert.equal(fake.requests.length, 5);
    });

    it('makes one request with maxRetries 0', async () => {
      fake.script(ID, { status: 503 }, { body: odata([]) });
      const err = await failure(client({ maxRetries: 0 }).getMissingKbs(ID));
      assert.equal(err.code, 'upstream-failure');
      assert.equal(fake.requests.length, 1);
    });

    it('does not retry a 5xx that is not transient (501)', async () => {
      fake.script(ID, { status: 501 }, { body: odata([]) });
      const err = await failure(client().getMissingKbs(ID));
      assert.equal(err.code, 'upstream-failure');
      assert.equal(err.details.status, 501);
      assert.equal(fake.requests.length, 1);
    });

    it('retries after a connection reset and succeeds', async () => {
      fake.script(ID, { reset: true }, { body: odata([kbItem('1')]) });
      const result = await client().getMissingKbs(ID);
      assert.deepEqual(
        result.kbs.map((k) => k.id),
        ['1'],
      );
      assert.equal(fake.requests.length, 2);
    });

    it('gives upstream-failure when the connection is reset every time', async () => {
      fake.script(ID, { reset: true });
      const err = await failure(client().getMissingKbs(ID));
      assert.equal(err.code, 'upstream-failure');
      assert.equal(err.details.softwareId, ID);
      assert.equal(err.details.status, undefined);
      assert.ok(err.cause instanceof Error);
      assert.equal(fake.requests.length, 3);
    });

    it('gives upstream-failure when the connection drops in the middle of the body', async () => {
      const server = await local((_req, res, later) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"value":[{"id":"1",');
        later(10, () => res.socket?.destroy());
      });
      const err = await failure(client({ baseUrl: server.url }).getMissingKbs(ID));
      assert.equal(err.code, 'upstream-failure');
    });

    it('retries a connection that drops mid-body, and answers with the next attempt', async () => {
      let calls = 0;
      const server = await local((_req, res, later) => {
        calls++;
        if (calls > 1) return sendJson(res, odata([kbItem('5001')]));
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"value":[{"id":"1",');
        later(10, () => res.socket?.destroy());
      });
      const result = await client({ baseUrl: server.url }).getMissingKbs(ID);
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
      const err = await failure(client({ baseUrl: url, maxRetries: 1 }).getMissingKbs(ID));
      assert.equal(err.code, 'upstream-failure');
    });

    it('gives upstream-failure for an HTML error page with status 502, after retries', async () => {
      const html = '<html><head><title>502 Bad Gateway</title></head><body>nginx internal detail</body></html>';
      fake.script(ID, { status: 502, body: html, headers: { 'content-type': 'text/html' } });
      const err = await failure(client().getMissingKbs(ID));
      assert.equal(err.code, 'upstream-failure');
      assert.equal(err.details.status, 502);
      assert.equal(err.details.upstreamCode, undefined);
      assert.equal(err.details.correlationId, undefined);
      assert.doesNotMatch(err.message, /html|nginx/i);
      assert.equal(fake.requests.length, 3);
    });
  });
});
