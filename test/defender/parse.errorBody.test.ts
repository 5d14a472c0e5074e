// Unit tests of src/defender/parse.ts: parseErrorBody, Defender's error body.
import assert from 'node:assert/strict';
import { parseErrorBody } from '../../src/defender/parse';
import { fixture } from '../support/fixtures';

describe('defender/parse', () => {
  describe('parseErrorBody', () => {
    it('reads the documented error body', () => {
      assert.deepEqual(parseErrorBody(JSON.stringify(fixture('defender/error-not-found.json'))), {
        code: 'ResourceNotFound',
        message: "Software id 'contoso-_-nothing' was not found",
        target: '43f4cb08-8fac-4b65-9db1-745c2ae65f3a',
      });
      assert.deepEqual(parseErrorBody(JSON.stringify(fixture('defender/error-throttled.json'))), {
        code: 'TooManyRequests',
        message: 'Rate limit is exceeded. Try again in 30 seconds.',
        target: 'c7c6e5b1-1f9c-4c4b-9bd0-2a1f3c0fd1a5',
      });
    });

    it('leaves out missing and non-string fields and ignores unknown ones', () => {
      assert.deepEqual(parseErrorBody('{"error":{}}'), { code: undefined, message: undefined, target: undefined });
      assert.deepEqual(parseErrorBody('{"error":{"code":403,"message":["m"],"target":null,"innerError":{"a":1}}}'), {
        code: undefined,
        message: undefined,
        target: undefined,
      });
      assert.deepEqual(parseErrorBody('{"error":{"code":"Forbidden"},"other":1}'), {
        code: 'Forbidden',
        message: undefined,
        target: undefined,
      });
    });

    it('gives undefined for bodies that are not the documented error', () => {
      for (const body of [
        '',
        'Bad gateway',
        '<html><head><title>502 Bad Gateway</title></head></html>',
        '{"error":',
        'null',
        '[]',
        '"error"',
        '{}',
        '{"error":"Forbidden"}',
        '{"error":null}',
        '{"error":["Forbidden"]}',
        '{"value":[]}',
      ]) {
        assert.equal(parseErrorBody(body), undefined, JSON.stringify(body));
      }
    });
  });
});
