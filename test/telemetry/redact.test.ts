// Unit tests for src/telemetry/redact.ts: no query string survives in span attributes.
import assert from 'node:assert/strict';
import { redactingProcessor, redactions, withoutQuery } from '../../src/telemetry/redact';

describe('telemetry redaction', () => {
  it('cuts a URL or a path at its query string or fragment', () => {
    for (const [url, expected] of [
      ['https://bot.example.test/auth/callback?code=abc&state=def', 'https://bot.example.test/auth/callback'],
      ['/auth/start?flow=xyz#top', '/auth/start'],
      ['/api/Software/microsoft-_-edge/getmissingkbs', '/api/Software/microsoft-_-edge/getmissingkbs'],
    ]) {
      assert.equal(withoutQuery(url), expected, url);
    }
  });

  it('replaces the URL attributes of both HTTP conventions and empties url.query', () => {
    const attributes = {
      'http.url': 'http://127.0.0.1:3978/auth/callback?code=c0de&state=5tate',
      'http.target': '/auth/callback?code=c0de&state=5tate',
      'url.full': "https://api.security.microsoft.com/api/Software?$filter=contains(name,'typed')",
      'url.query': "$filter=contains(name,'typed')",
      'url.path': '/api/Software',
      'http.method': 'GET',
    };
    assert.deepEqual(redactions(attributes), {
      'http.url': 'http://127.0.0.1:3978/auth/callback',
      'http.target': '/auth/callback',
      'url.full': 'https://api.security.microsoft.com/api/Software',
      'url.query': '',
    });
    assert.deepEqual(redactions({ 'http.target': '/api/messages', 'http.method': 'POST' }), {});
  });

  it('redacts a span at its start and again at its end', () => {
    const attributes: Record<string, unknown> = { 'http.target': '/auth/start?flow=f10w' };
    const span = { attributes, setAttribute: (key: string, value: unknown) => (attributes[key] = value) };
    redactingProcessor.onStart(span as never, {} as never);
    assert.equal(attributes['http.target'], '/auth/start');
    attributes['url.full'] = 'https://x.test/a?b=c';
    redactingProcessor.onEnd(span as never);
    assert.equal(attributes['url.full'], 'https://x.test/a');
  });
});
