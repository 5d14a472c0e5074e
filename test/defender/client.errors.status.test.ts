// DefenderClient over HTTP, errors: HTTP statuses mapped to catalogue codes, redirects not followed, unsafe ids refused.
import assert from 'node:assert/strict';
import { EDGE, kbItem, kbsPath } from '../support/defenderClient';
import { failure } from '../support/errors';
import { odata, odataError } from '../support/fakeDefender';
import { fixture } from '../support/fixtures';
import { useClientFixture } from '../support/defenderClient';

describe('DefenderClient over HTTP (FakeDefender on 127.0.0.1)', () => {
  const fx = useClientFixture();

  describe('errors', () => {
    const ID = 'contoso-_-app';

    it('maps 401 to unauthorized', async () => {
      fx.fake.script(ID, { status: 401, body: odataError('Unauthorized', 'Token expired', 'corr-401') });
      const err = await failure(fx.client().getMissingKbs(ID));
      assert.equal(err.code, 'unauthorized');
      assert.equal(err.details.status, 401);
      assert.equal(err.details.correlationId, 'corr-401');
      assert.equal(err.details.softwareId, ID);
      assert.equal(fx.fake.requests.length, 1);
    });

    it('maps the 401 for a blank token to unauthorized', async () => {
      const err = await failure(fx.client({ getToken: () => Promise.resolve('') }).getMissingKbs(EDGE));
      assert.equal(err.code, 'unauthorized');
      assert.match(fx.fake.requests[0].authorization ?? '', /^Bearer ?$/);
    });

    it('maps 403 to forbidden with the Software.Read permission', async () => {
      fx.fake.script(ID, { status: 403, body: odataError('Forbidden', 'Missing permission', 'corr-403') });
      const err = await failure(fx.client().getMissingKbs(ID));
      assert.equal(err.code, 'forbidden');
      assert.equal(err.details.permission, 'Software.Read');
      assert.equal(err.details.upstreamCode, 'Forbidden');
      assert.equal(err.details.correlationId, 'corr-403');
      assert.equal(err.details.status, 403);
      assert.equal(fx.fake.requests.length, 1);
    });

    it('maps 404 to not-found with the correlation id from error.target and the software id', async () => {
      fx.fake.script('contoso-_-nothing', { status: 404, body: fixture('defender/error-not-found.json') });
      const err = await failure(fx.client().getMissingKbs('contoso-_-nothing'));
      assert.equal(err.code, 'not-found');
      assert.equal(err.details.correlationId, '43f4cb08-8fac-4b65-9db1-745c2ae65f3a');
      assert.equal(err.details.softwareId, 'contoso-_-nothing');
      assert.equal(err.details.upstreamCode, 'ResourceNotFound');
      assert.equal(err.details.status, 404);
      assert.equal(fx.fake.requests.length, 1);
    });

    it('maps the 404 of an unknown id to not-found', async () => {
      const err = await failure(fx.client().getMissingKbs('nobody-_-knows'));
      assert.equal(err.code, 'not-found');
      assert.equal(err.details.correlationId, 'f3a5c2e8-8d0b-4b7e-9a55-1c2b3d4e5f60');
    });

    it('maps 400 to bad-input', async () => {
      fx.fake.script(ID, { status: 400, body: odataError('InvalidInput', 'Bad id', 'corr-400') });
      const err = await failure(fx.client().getMissingKbs(ID));
      assert.equal(err.code, 'bad-input');
      assert.equal(err.details.upstreamCode, 'InvalidInput');
      assert.equal(fx.fake.requests.length, 1);
    });

    it('refuses ids that would resolve to another path, here or behind a decoding proxy', async () => {
      for (const id of ['', '.', '..', 'a/b', 'a\\b', '..%2f..', '%252e', 'a?b', 'a#b', 'a\u0000b']) {
        const err = await failure(fx.client().getMissingKbs(id));
        assert.equal(err.code, 'bad-input', JSON.stringify(id));
      }
      assert.equal(fx.fake.requests.length, 0);
    });

    it('does not follow a redirect (the token is not sent elsewhere)', async () => {
      fx.other.script(ID, { body: odata([kbItem('666')]) });
      fx.fake.script(ID, { status: 302, headers: { location: `${fx.other.url}${kbsPath(ID)}` } });
      const err = await failure(fx.client({ maxRetries: 0 }).getMissingKbs(ID));
      assert.equal(err.code, 'upstream-failure');
      assert.equal(fx.other.requests.length, 0);
    });
  });
});
