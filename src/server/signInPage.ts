/**
 * The HTML of the consent pages. In Teams' sign-in window the page loads TeamsJS from the bot's own
 * origin and tells Teams how the sign-in ended (`authentication.notifySuccess` / `notifyFailure`), so
 * that Teams closes the window and carries on; in any other browser it is a plain page that reads well.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ConsentPage } from '../auth/consent';

/** Where the bot serves TeamsJS (npm `@microsoft/teams-js`, its browser bundle). */
export const TEAMS_JS_PATH = '/auth/teams-js.js';

/**
 * The page's one inline script. It reads what to tell Teams from the page's data attributes; outside
 * Teams `app.initialize()` rejects (no parent window) and the page simply stays as it is.
 */
export const PAGE_SCRIPT = `(function () {
  var data = document.getElementById('signin-result');
  var teams = window.microsoftTeams;
  if (!data || !teams) return;
  var result = data.getAttribute('data-result');
  var reason = data.getAttribute('data-reason') || 'failed';
  teams.app.initialize().then(function () {
    if (result) return teams.authentication.notifySuccess(result);
    var back = document.getElementById('back-to-teams');
    if (!back) return teams.authentication.notifyFailure(reason);
    back.hidden = false;
    back.addEventListener('click', function () { teams.authentication.notifyFailure(reason); });
  }).catch(function () {});
})();`;

const scriptHash = `'sha256-${createHash('sha256').update(PAGE_SCRIPT).digest('base64')}'`;

/**
 * The pages' policy: TeamsJS from this origin and the inline script above by its hash, nothing else;
 * TeamsJS may read Microsoft's list of Teams host origins (it falls back to its own copy without it).
 */
export const PAGE_CSP = [
  "default-src 'none'",
  `script-src 'self' ${scriptHash}`,
  'connect-src https://res.cdn.office.net/teams-js/validDomains/json/validDomains.json',
  "style-src 'unsafe-inline'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The TeamsJS bundle as served: bytes, Subresource Integrity value and a version for its URL. */
export interface TeamsJsBundle {
  readonly body: Buffer;
  readonly integrity: string;
  readonly version: string;
}

let bundle: TeamsJsBundle | undefined;

/** Reads the bundle from node_modules once. */
export function teamsJsBundle(): TeamsJsBundle {
  if (!bundle) {
    const body = readFileSync(require.resolve('@microsoft/teams-js'));
    const integrity = `sha384-${createHash('sha384').update(body).digest('base64')}`;
    const version = createHash('sha256').update(body).digest('hex').slice(0, 16);
    bundle = { body, integrity, version };
  }
  return bundle;
}

/** A consent page as HTML: title and message, and the script that tells Teams how the sign-in ended. */
export function renderPage(page: ConsentPage): string {
  const { integrity, version } = teamsJsBundle();
  const result = page.result ? ` data-result="${escapeHtml(page.result)}"` : '';
  const reason = page.result ? '' : ` data-reason="${escapeHtml(page.key ?? 'failed')}"`;
  const back =
    page.result || !page.closeLabel
      ? ''
      : `<p><button id="back-to-teams" hidden>${escapeHtml(page.closeLabel)}</button></p>`;
  return `<!doctype html><html lang="${page.locale ?? 'en'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${escapeHtml(page.title)}</title></head><body style="font-family:'Segoe UI',system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem">
<h1 style="font-size:1.4rem">${escapeHtml(page.title)}</h1><p>${escapeHtml(page.message)}</p>${back}
<div id="signin-result"${result}${reason} hidden></div>
<script src="${TEAMS_JS_PATH}?v=${version}" integrity="${integrity}"></script>
<script>${PAGE_SCRIPT}</script></body></html>`;
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
