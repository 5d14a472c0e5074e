// src/defender/errors.ts: Defender's failure statuses mapped to the error catalogue.
import assert from 'node:assert/strict';
import { errorForStatus, SOFTWARE_PERMISSION } from '../../src/defender/errors';
import { odataError } from '../support/fakeDefender';

const ID = 'a-_-b';
const body = (target: string): string => JSON.stringify(odataError('SomeCode', 'Some message', target));

describe('defender/errors: errorForStatus', () => {
  it('maps each status to its catalogue code, with the upstream code and correlation id but not its message', () => {
    const cases: [number, string, string | undefined][] = [
      [400, 'bad-input', undefined],
      [401, 'unauthorized', 'Software.Read'],
      [403, 'forbidden', 'Software.Read'],
      [404, 'not-found', undefined],
      [429, 'throttled', undefined],
      [500, 'upstream-failure', undefined],
      [503, 'upstream-failure', undefined],
      [418, 'upstream-failure', undefined],
    ];
    assert.equal(SOFTWARE_PERMISSION, 'Software.Read');
    for (const [status, code, permission] of cases) {
      const err = errorForStatus(status, body('corr-1'), ID);
      assert.equal(err.code, code, String(status));
      const { details } = err;
      assert.deepEqual(
        [details.status, details.softwareId, details.upstreamCode, details.permission],
        [status, ID, 'SomeCode', permission],
      );
      assert.equal(details.correlationId, 'corr-1');
      assert.doesNotMatch(err.message, /Some message/);
    }
  });

  it('carries Retry-After on throttled', () => {
    assert.equal(errorForStatus(429, '', ID, 30).details.retryAfterSeconds, 30);
    assert.equal(errorForStatus(429, '', ID).details.retryAfterSeconds, undefined);
  });

  it('keeps a GUID-like correlation id and drops one that could carry markdown or links; copes with other bodies', () => {
    const guid = '43f4cb08-8fac-4b65-9db1-745c2ae65f3a';
    assert.equal(errorForStatus(404, body(guid), ID).details.correlationId, guid);
    for (const target of ['[click](https://evil.example)', '<at>x</at>', 'a b', 'x'.repeat(101)]) {
      assert.equal(errorForStatus(404, body(target), ID).details.correlationId, undefined, target);
    }
    const html = errorForStatus(502, '<html>Bad gateway</html>', ID);
    assert.deepEqual([html.details.upstreamCode, html.details.correlationId], [undefined, undefined]);
  });
});
