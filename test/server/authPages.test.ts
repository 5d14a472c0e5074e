// The consent pages' routes (src/server/authPages.ts) on a real restify server: redirects, headers, HTML, failures.
import assert from 'node:assert/strict';
import type restify from 'restify';
import sinon from 'sinon';
import type { CallbackQuery, ConsentPage, StartResult } from '../../src/auth/consent';
import { createLogger } from '../../src/log';
import type { AuthPages } from '../../src/server/authPages';
import { close, createServer, listen } from '../../src/server/server';

const SECURITY_HEADERS = {
  'x-frame-options': 'DENY',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
};

/** Checks the headers every auth page and redirect carries. */
function assertSecurityHeaders(res: Response): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) assert.equal(res.headers.get(name), value, name);
  const csp = res.headers.get('content-security-policy') ?? '';
  for (const part of ["default-src 'none'", "frame-ancestors 'none'", "form-action 'none'"])
    assert.ok(csp.includes(part));
}

describe('auth pages over HTTP', () => {
  let server: restify.Server;
  let base: string;
  const logLines: string[] = [];
  /** AuthPages that record what they were asked; each test sets their answers (by default a redirect, and a signed-in page). */
  const pages = {
    start: sinon.stub<Parameters<AuthPages['start']>, Promise<StartResult>>(),
    callback: sinon.stub<[CallbackQuery], Promise<ConsentPage>>(),
  };
  const flows = (): string[] => pages.start.args.map(([flow]) => flow);
  const queries = (): CallbackQuery[] => pages.callback.args.map(([query]) => query);
  before(async () => {
    server = createServer({
      messages: () => Promise.resolve(),
      health: () => ({ status: 'ok' }),
      logger: createLogger('debug', (line) => logLines.push(line)),
      authPages: pages,
    });
    base = `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}`;
  });
  after(async () => {
    server.server.closeAllConnections();
    await close(server);
  });
  beforeEach(() => {
    pages.start.reset();
    pages.start.resolves({ redirect: 'https://login.example/authorize?x=1', browserBinding: 'b1nd1ng' });
    pages.callback.reset();
    pages.callback.resolves({ status: 200, title: 'You are signed in', message: 'You can close this window.' });
    logLines.length = 0;
  });

  const get = (path: string): Promise<Response> => fetch(`${base}${path}`, { redirect: 'manual' });

  it('redirects /auth/start to Entra ID with 302, the Location and the security headers', async () => {
    const res = await get('/auth/start?flow=abc_DEF-123');
    assert.equal(res.status, 302);
    assert.equal(res.headers.get('location'), 'https://login.example/authorize?x=1');
    assertSecurityHeaders(res);
    assert.deepEqual(flows(), ['abc_DEF-123']);
    const cookie = res.headers.get('set-cookie') ?? '';
    assert.match(cookie, /^__Host-missingkbs-signin=b1nd1ng; /);
    for (const attribute of ['Path=/', 'Secure', 'HttpOnly', 'SameSite=Lax'])
      assert.ok(cookie.includes(`; ${attribute}`));
  });

  it('hands the callback the cookie of the browser that started, and clears it', async () => {
    const res = await fetch(`${base}/auth/callback?code=c&state=s`, {
      headers: { cookie: 'other=1; __Host-missingkbs-signin=b1nd1ng; x=y' },
    });
    await res.text();
    assert.equal(queries()[0].browserBinding, 'b1nd1ng');
    assert.match(res.headers.get('set-cookie') ?? '', /^__Host-missingkbs-signin=; .*Max-Age=0/);
  });

  it('shows the page /auth/start gives, as HTML with the security headers', async () => {
    pages.start.resolves({ page: { status: 400, title: 'This sign-in link has expired', message: 'Send it again.' } });
    const res = await get('/auth/start');
    assert.equal(res.status, 400);
    assert.equal(res.headers.get('content-type'), 'text/html; charset=utf-8');
    assertSecurityHeaders(res);
    const html = await res.text();
    assert.match(html, /^<!doctype html>/);
    assert.match(html, /<title>This sign-in link has expired<\/title>/);
    assert.match(html, /<p>Send it again\.<\/p>/);
    await get(`/auth/start?flow=${'f'.repeat(500)}`);
    assert.deepEqual(flows(), ['', 'f'.repeat(100)], 'no flow id, and one cut at 100 characters');
  });

  it('hands the callback its code, state and error, and shows the page it gives', async () => {
    const res = await get('/auth/callback?code=the-code&state=the-state&session_state=x');
    assert.equal(res.status, 200);
    assertSecurityHeaders(res);
    assert.deepEqual(queries(), [
      { code: 'the-code', state: 'the-state', error: undefined, browserBinding: undefined, locale: 'en' },
    ]);
    const html = await res.text();
    assert.match(html, /You are signed in/);
    assert.ok(!html.includes('the-code') && !html.includes('the-state'));
    await get('/auth/callback?error=access_denied&error_description=AADSTS65004&state=s');
    assert.deepEqual(queries()[1], { ...queries()[0], code: undefined, state: 's', error: 'access_denied' });
  });

  it('escapes the title and message of a page', async () => {
    const page = { status: 403, title: '<script>alert("t")</script>', message: `Tom & Jerry's <b>page</b>` };
    pages.callback.resolves(page);
    const res = await get('/auth/callback?state=s');
    assert.equal(res.status, 403);
    const html = await res.text();
    assert.ok(!html.includes('<script>alert') && !html.includes('<b>'), html);
    assert.ok(html.includes('&#60;script&#62;alert(&#34;t&#34;)&#60;/script&#62;'));
    assert.ok(html.includes('Tom &#38; Jerry&#39;s &#60;b&#62;page&#60;/b&#62;'));
  });

  it('shows a 500 page without the error or its stack when the pages throw', async () => {
    const boom = new Error('secret internal detail');
    pages.start.rejects(boom);
    pages.callback.rejects(boom);
    for (const path of ['/auth/start?flow=x', '/auth/callback?code=c&state=s']) {
      const res = await get(path);
      assert.equal(res.status, 500, path);
      assertSecurityHeaders(res);
      const html = await res.text();
      assert.match(html, /Something went wrong/);
      assert.ok(!html.includes('secret internal detail') && !/\n\s+at /.test(html), html);
    }
    const failed = logLines.filter((line) => line.includes('server.auth_page_failed'));
    assert.equal(failed.length, 2);
    assert.ok(failed.every((line) => !line.includes('"stack"')));
  });
});
