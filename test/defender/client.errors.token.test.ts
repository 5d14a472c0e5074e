// DefenderClient over HTTP, errors: token provider failures, and the token kept out of logs and errors.
import assert from 'node:assert/strict';
import { DefenderClient, type DefenderClientOptions } from '../../src/defender/client';
import { AppError } from '../../src/errors';
import { createLogger } from '../../src/log';
import { kbItem, kbsPath, TOKEN } from '../support/defenderClient';
import { failure } from '../support/errors';
import { FakeDefender, odata, odataError } from '../support/fakeDefender';

describe('DefenderClient over HTTP (FakeDefender on 127.0.0.1)', () => {
  let fake: FakeDefender;
  let other: FakeDefender;

  beforeEach(async () => {
    fake = await FakeDefender.start();
    other = await FakeDefender.start();
  });

  afterEach(async () => {
    await Promise.all([fake.close(), other.close()]);
  });

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

    it('reports a token provider failure that is not an AppError as internal, without calling Defender', async () => {
      const err = await failure(
        client({ getToken: () => Promise.reject(new Error('AADSTS700016')) }).getMissingKbs(ID),
      );
      assert.equal(err.code, 'internal');
      assert.equal(fake.requests.length, 0);
    });

    it('passes an AppError of the token provider through with its code and message', async () => {
      const original = new AppError('consent-required', 'The user must consent', { permission: 'Software.Read' });
      const err = await failure(client({ getToken: () => Promise.reject(original) }).getMissingKbs(ID));
      assert.equal(err.code, 'consent-required');
      assert.equal(err.message, original.message);
      assert.equal(err.details.permission, 'Software.Read');
      assert.equal(err.details.softwareId, ID);
      assert.equal(fake.requests.length, 0);
    });

    it('passes an AppError that already names the software through as the same object', async () => {
      const original = new AppError('unauthorized', 'Sign in again', { softwareId: ID });
      const err = await failure(client({ getToken: () => Promise.reject(original) }).getMissingKbs(ID));
      assert.equal(err, original);
    });

    it('never writes the token into log lines or errors', async () => {
      const lines: string[] = [];
      const logger = createLogger('debug', (l) => lines.push(l));
      fake.script(
        ID,
        { reset: true },
        { status: 500 },
        { body: odata([kbItem('1'), { name: 'no id' }], `${other.url}${kbsPath(ID)}`) },
      );
      await client({ logger }).getMissingKbs(ID);
      fake.script('contoso-_-denied', { status: 401, body: odataError('Unauthorized', 'Bad token') });
      const err = await failure(client({ logger }).getMissingKbs('contoso-_-denied'));
      assert.ok(lines.length >= 3, `logged ${lines.length} lines`);
      assert.ok(lines.some((l) => l.includes('defender.retry')));
      assert.ok(lines.some((l) => l.includes('defender.items_skipped')));
      for (const text of [...lines, err.message, JSON.stringify(err.details)]) {
        assert.ok(!text.includes(TOKEN), `token leaked into ${text}`);
        assert.ok(!text.includes('test-token'), `token leaked into ${text}`);
      }
    });
  });
});
