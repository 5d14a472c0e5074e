// DefenderClient over HTTP, errors: token provider failures, and the token kept out of logs and errors.
import assert from 'node:assert/strict';
import { AppError } from '../../src/errors';
import { createLogger } from '../../src/log';
import { useClientFixture, kbItem, kbsPath, TOKEN } from '../support/defenderClient';
import { failure } from '../support/errors';
import { odata, odataError } from '../support/fakeDefender';

describe('DefenderClient over HTTP (FakeDefender on 127.0.0.1)', () => {
  const fx = useClientFixture();

  describe('errors', () => {
    const ID = 'contoso-_-app';

    it('reports a token provider failure that is not an AppError as internal, without calling Defender', async () => {
      const err = await failure(
        fx.client({ getToken: () => Promise.reject(new Error('AADSTS700016')) }).getMissingKbs(ID),
      );
      assert.equal(err.code, 'internal');
      assert.equal(fx.fake.requests.length, 0);
    });

    it('passes an AppError of the token provider through with its code and message', async () => {
      const original = new AppError('consent-required', 'The user must consent', { permission: 'Software.Read' });
      const err = await failure(fx.client({ getToken: () => Promise.reject(original) }).getMissingKbs(ID));
      assert.equal(err.code, 'consent-required');
      assert.equal(err.message, original.message);
      assert.equal(err.details.permission, 'Software.Read');
      assert.equal(err.details.softwareId, ID);
      assert.equal(fx.fake.requests.length, 0);
    });

    it('passes an AppError that already names the software through as the same object', async () => {
      const original = new AppError('unauthorized', 'Sign in again', { softwareId: ID });
      const err = await failure(fx.client({ getToken: () => Promise.reject(original) }).getMissingKbs(ID));
      assert.equal(err, original);
    });

    it('never writes the token into log lines or errors', async () => {
      const lines: string[] = [];
      const logger = createLogger('debug', (l) => lines.push(l));
      fx.fake.script(
        ID,
        { reset: true },
        { status: 500 },
        { body: odata([kbItem('1'), { name: 'no id' }], `${fx.other.url}${kbsPath(ID)}`) },
      );
      await fx.client({ logger }).getMissingKbs(ID);
      fx.fake.script('contoso-_-denied', { status: 401, body: odataError('Unauthorized', 'Bad token') });
      const err = await failure(fx.client({ logger }).getMissingKbs('contoso-_-denied'));
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
