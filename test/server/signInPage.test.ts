// The consent pages' script (src/server/signInPage.ts) as served: CSP by hash, TeamsJS from the bot's own origin.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type restify from 'restify';
import type { ConsentPage } from '../../src/auth/consent';
import { consentPage } from '../../src/cards/signInText';
import { silentLogger } from '../../src/log';
import { close, createServer, listen } from '../../src/server/server';

/** A server whose callback shows `page.current`. */
async function startPages(page: { current: ConsentPage }): Promise<{ server: restify.Server; base: string }> {
  const server = createServer({
    messages: () => Promise.resolve(),
    health: () => ({ status: 'ok' }),
    logger: silentLogger,
    authPages: {
      start: () => Promise.resolve({ page: consentPage('expired') }),
      callback: () => Promise.resolve(page.current),
    },
  });
  return { server, base: `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}` };
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

describe('consent page script (real server)', () => {
  const page = { current: { ...consentPage('done'), result: 'the-code_123' } as ConsentPage };
  let server: restify.Server;
  let base: string;
  before(async () => ({ server, base } = await startPages(page)));
  after(async () => {
    server.server.closeAllConnections();
    await close(server);
  });

  it('allows only its own inline script, by hash, and scripts of its own origin (no unsafe-inline, no CDN)', async () => {
    const res = await fetch(`${base}/auth/callback?code=c&state=s`);
    const csp = res.headers.get('content-security-policy') ?? '';
    const { inline, external } = scriptsOf(await res.text());
    assert.equal(inline.length, 1);
    const hash = `'sha256-${createHash('sha256').update(inline[0]).digest('base64')}'`;
    assert.deepEqual(directive(csp, 'script-src').sort(), ["'self'", hash].sort());
    assert.ok(!directive(csp, 'script-src').includes("'unsafe-inline'"));
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

  it('hands Teams the code on success, and the page’s reason with a Back to Teams button on failure', async () => {
    const ok = await (await fetch(`${base}/auth/callback`)).text();
    assert.match(ok, /<div id="signin-result" data-result="the-code_123" hidden>/);
    assert.ok(!ok.includes('<button'));
    page.current = consentPage('wrongUser', 'fr');
    const failed = await (await fetch(`${base}/auth/callback`)).text();
    assert.match(failed, /<div id="signin-result" data-reason="wrongUser" hidden>/);
    assert.match(failed, /<button id="back-to-teams" hidden>Retour à Teams<\/button>/);
    assert.match(failed, /Connexion avec un autre compte/);
  });
});
