/** Tests the mapping of Defender's HTTP failures to the error catalogue (src/defender/errors.ts). */
import assert from 'node:assert/strict';
import { errorForStatus, isTransientStatus } from '../../src/defender/errors';

const body = (target: string): string => JSON.stringify({ error: { code: 'NotFound', message: 'm', target } });

describe('errorForStatus', () => {
  it('maps statuses to catalogue codes', () => {
    const codes = [401, 403, 404, 429, 400, 500, 418].map((s) => errorForStatus(s, '', 'a-_-b').code);
    assert.deepEqual(codes, [
      'unauthorized',
      'forbidden',
      'not-found',
      'throttled',
      'bad-input',
      'upstream-failure',
      'upstream-failure',
    ]);
  });

  it('keeps a GUID-like correlation id and drops one that could carry markdown or links', () => {
    assert.equal(
      errorForStatus(404, body('43f4cb08-8fac-4b65-9db1-745c2ae65f3a'), 'a-_-b').details.correlationId,
      '43f4cb08-8fac-4b65-9db1-745c2ae65f3a',
    );
    for (const target of ['[click](https://evil.example)', '<at>x</at>', 'a b', 'x'.repeat(101)]) {
      assert.equal(errorForStatus(404, body(target), 'a-_-b').details.correlationId, undefined, target);
    }
  });

  it('retries only 500, 502, 503 and 504', () => {
    assert.deepEqual([500, 502, 503, 504, 501, 429, 404].map(isTransientStatus), [
      true,
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
  });
});
