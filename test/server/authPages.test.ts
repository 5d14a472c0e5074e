// The consent pages (src/server/authPages.ts, signInPage.ts) on a real restify server: redirects, headers, HTML,
// failures; the page's script as served (CSP by hash, TeamsJS from the bot's own origin); then in headless
// Chromium: no CSP violation, notifySuccess to a stand-in Teams host, and a plain page outside Teams.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type restify from 'restify';
import sinon from 'sinon';
import type { CallbackQuery, ConsentPage, StartResult } from '../../src/auth/consent';
import { consentPage } from '../../src/cards/signInText';
import { createLogger } from '../../src/log';
import type { AuthPages } from '../../src/server/authPages';
import { close, createServer, listen } from '../../src/server/server';
import { chromiumInstalled, CHROMIUM_PATH, launchChromium, type Chromium } from '../../scripts/lib/browser';

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

/** The inline scripts and the external scripts' src and integrity of an HTML page. */
function scriptsOf(html: string): { inline: string[]; external: { src: string; integrity?: string }[] } {
  const inline: string[] = [];
  const external: { src: string; integrity?: string }[] = [];
  for (const match of html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)) {
    const src = /\ssrc="([^"]+)"/.exec(match[1])?.[1];
    if (src) external.push({ src, integrity: /\sintegrity="([^"]+)"/.exec(match[1])?.[1] });
    else inline.push(match[2]);
  }
  return { inline, external };
}

/** The sources of one CSP directive. */
function directive(csp: string, name: string): string[] {
  const found = csp
    .split(';')
    .map((d) => d.trim().split(/\s+/))
    .find(([key]) => key === name);
  return found ? found.slice(1) : [];
}

/** The page the callback shows in Teams' sign-in window when the user signed in. */
const DONE: ConsentPage = { ...consentPage('done'), result: 'the-code_123' };

/** Teams' web client as TeamsJS sees it: an https origin TeamsJS trusts, that opens the sign-in window. */
const TEAMS_HOST = 'https://teams.microsoft.com/stand-in-host';

/**
 * The stand-in host page: answers TeamsJS's `initialize` as Teams does (frame context "authentication",
 * web client, an SDK version) and records every message the sign-in window sends.
 */
const HOST_HTML = `<!doctype html><html><body><script>
window.received = [];
window.addEventListener('message', function (event) {
  var message = event.data || {};
  window.received.push({ func: message.func, args: message.args, origin: event.origin });
  if (message.func === 'initialize')
    event.source.postMessage({ id: message.id, args: ['authentication', 'web', '2.0.0'] }, event.origin);
});
</script></body></html>`;

describe('consent pages over HTTP (real server)', () => {
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

  it('allows only its own inline script, by hash, and scripts of its own origin (no unsafe-inline, no CDN)', async () => {
    const res = await fetch(`${base}/auth/callback?code=c&state=s`);
    const csp = res.headers.get('content-security-policy') ?? '';
    const { inline, external } = scriptsOf(await res.text());
    assert.equal(inline.length, 1);
    const hash = `'sha256-${createHash('sha256').update(inline[0]).digest('base64')}'`;
    assert.deepEqual(directive(csp, 'script-src').sort(), ["'self'", hash].sort());
    assert.deepEqual(directive(csp, 'default-src'), ["'none'"]);
    assert.equal(external.length, 1);
    assert.match(external[0].src, /^\/auth\/teams-js\.js\?v=[0-9a-f]{16}$/, 'same origin, a path of the bot');
  });

  it('serves TeamsJS from node_modules as JavaScript, cached for a year, matching the page’s integrity', async () => {
    const html = await (await fetch(`${base}/auth/callback`)).text();
    const [script] = scriptsOf(html).external;
    const res = await fetch(`${base}${script.src}`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/javascript; charset=utf-8');
    assert.match(res.headers.get('cache-control') ?? '', /max-age=31536000/);
    const body = Buffer.from(await res.arrayBuffer());
    assert.deepEqual(body, readFileSync(require.resolve('@microsoft/teams-js')));
    assert.equal(script.integrity, `sha384-${createHash('sha384').update(body).digest('base64')}`);
    assert.match(body.toString('utf8', 0, 300), /microsoftTeams/);
  });

  describe('in Chromium', function () {
    this.timeout(60_000);
    let browser: Chromium | undefined;

    before(async function () {
      if (!chromiumInstalled()) {
        console.warn(`    skipped: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium)`);
        this.skip();
      }
      browser = await launchChromium({ online: true });
      // Nothing leaves loopback: the host is served here, TeamsJS's list of host origins is answered here.
      await browser.context.route('**/*', (route) => {
        const url = route.request().url();
        if (url.startsWith(base)) return route.continue();
        if (url === TEAMS_HOST) return route.fulfill({ contentType: 'text/html', body: HOST_HTML });
        if (url.startsWith('https://res.cdn.office.net/teams-js/validDomains/'))
          return route.fulfill({ contentType: 'application/json', body: '{"validOrigins":["teams.microsoft.com"]}' });
        return route.abort();
      });
    });

    after(async () => {
      await browser?.close();
    });

    /**
     * Console errors (a CSP violation is one), page errors and failed loads of `page`; the page's own
     * status (e.g. 403 for a refused sign-in) is not a problem.
     */
    function problemsOf(page: Page): string[] {
      const problems: string[] = [];
      page.on('console', (m) => {
        const ownStatus = m.text().startsWith('Failed to load resource: the server responded with a status of');
        if ((m.type() === 'error' && !ownStatus) || /Content Security Policy/i.test(m.text())) problems.push(m.text());
      });
      page.on('pageerror', (e) => problems.push(e.message));
      page.on('requestfailed', (r) => problems.push(`failed: ${r.url()}`));
      page.on('response', (r) => {
        if (r.request().resourceType() !== 'document' && r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
      });
      return problems;
    }

    /** The stand-in Teams host opening `path` of the bot in its sign-in window, and that window's problems. */
    async function openInTeams(path: string): Promise<{ host: Page; signInWindow: Page; problems: string[] }> {
      const host = await browser!.newPage({ width: 800, height: 600 });
      await host.goto(TEAMS_HOST);
      const popup = host.waitForEvent('popup');
      await host.evaluate(`void window.open(${JSON.stringify(base + path)})`);
      const signInWindow = await popup;
      return { host, signInWindow, problems: problemsOf(signInWindow) };
    }

    it('in Teams’ sign-in window: loads TeamsJS, calls notifySuccess with the code, and the window closes', async () => {
      pages.callback.resolves(DONE);
      const { host, signInWindow, problems } = await openInTeams('/auth/callback?code=c&state=s');
      await signInWindow.waitForEvent('close', { timeout: 15_000 });
      const received = await host.evaluate<{ func: string; args: unknown[]; origin: string }[]>('window.received');
      const success = received.find((m) => m.func === 'authentication.authenticate.success');
      assert.deepEqual(success?.args, ['the-code_123'], JSON.stringify(received));
      assert.equal(success?.origin, base);
      assert.deepEqual(problems, []);
    });

    it('in Teams, a failure shows its reason and Back to Teams, which calls notifyFailure with the reason', async () => {
      pages.callback.resolves(consentPage('wrongUser'));
      const { host, signInWindow, problems } = await openInTeams('/auth/callback');
      await signInWindow.getByRole('button', { name: 'Back to Teams' }).click();
      await signInWindow.waitForEvent('close', { timeout: 15_000 });
      const received = await host.evaluate<{ func: string; args: unknown[] }[]>('window.received');
      const failure = received.find((m) => m.func === 'authentication.authenticate.failure');
      assert.deepEqual(failure?.args, ['wrongUser']);
      assert.deepEqual(problems, []);
    });

    it('outside Teams: the page reads as it is, without errors, and no button', async () => {
      pages.callback.resolves(DONE);
      const page = await browser!.newPage({ width: 800, height: 600 });
      const problems = problemsOf(page);
      await page.goto(`${base}/auth/callback?code=c&state=s`);
      await page.waitForTimeout(500);
      assert.equal(await page.locator('h1').innerText(), 'You are signed in');
      assert.match(await page.locator('body').innerText(), /Your answer is on its way in Teams/);
      assert.ok(!page.isClosed());
      assert.deepEqual(problems, []);
      pages.callback.resolves(consentPage('expired'));
      await page.goto(`${base}/auth/callback`);
      await page.waitForTimeout(500);
      assert.equal(await page.getByRole('button').count(), 0, 'Back to Teams only inside Teams');
      assert.deepEqual(problems, []);
    });
  });
});
