// errorForStatus and isTransientStatus (src/defender/errors.ts), as the DefenderClient uses them.
import assert from 'node:assert/strict';
import { errorForStatus, isTransientStatus, SOFTWARE_PERMISSION } from '../../src/defender/errors';
import { EDGE } from '../support/defenderClient';
import { odataError } from '../support/fakeDefender';

describe('DefenderClient over HTTP (FakeDefender on 127.0.0.1)', () => {
  describe('errorForStatus and isTransientStatus', () => {
    const body = JSON.stringify(odataError('SomeCode', 'Some message', 'corr-1'));

    it('maps each status to its catalogue code', () => {
      const cases: [number, string][] = [
        [400, 'bad-input'],
        [401, 'unauthorized'],
        [403, 'forbidden'],
        [404, 'not-found'],
        [429, 'throttled'],
        [500, 'upstream-failure'],
        [502, 'upstream-failure'],
        [503, 'upstream-failure'],
        [418, 'upstream-failure'],
      ];
      for (const [status, code] of cases) {
        const err = errorForStatus(status, body, EDGE);
        assert.equal(err.code, code, String(status));
        assert.equal(err.details.status, status);
        assert.equal(err.details.softwareId, EDGE);
        assert.equal(err.details.upstreamCode, 'SomeCode');
        assert.equal(err.details.correlationId, 'corr-1');
        assert.doesNotMatch(err.message, /Some message/);
      }
    });

    it('names the permission for 401 and 403 only', () => {
      assert.equal(SOFTWARE_PERMISSION, 'Software.Read');
      assert.equal(errorForStatus(401, '', EDGE).details.permission, 'Software.Read');
      assert.equal(errorForStatus(403, '', EDGE).details.permission, 'Software.Read');
      assert.equal(errorForStatus(404, '', EDGE).details.permission, undefined);
    });

    it('carries Retry-After on throttled', () => {
      assert.equal(errorForStatus(429, body, EDGE, 30).details.retryAfterSeconds, 30);
      assert.equal(errorForStatus(429, body, EDGE).details.retryAfterSeconds, undefined);
    });

    it('copes with a body that is not the documented error', () => {
      const err = errorForStatus(502, '<html>Bad gateway</html>', EDGE);
      assert.equal(err.details.upstreamCode, undefined);
      assert.equal(err.details.correlationId, undefined);
    });

    it('retries only 500, 502, 503 and 504', () => {
      for (const status of [500, 502, 503, 504]) assert.equal(isTransientStatus(status), true, String(status));
      for (const status of [200, 400, 401, 403, 404, 429, 501, 505]) assert.equal(isTransientStatus(status), false);
    });
  });
});
