/** The consent pages' routes (`/auth/start`, `/auth/callback`): redirects and small static HTML pages. */
import type restify from 'restify';
import type { CallbackQuery, ConsentPage, StartResult } from '../auth/consent';
import { consentPage } from '../cards/signInText';
import { localeOfAcceptLanguage, type Locale } from '../i18n';
import { errorFields, type Logger } from '../log';

/** What the pages need from the sign-in layer. */
export interface AuthPages {
  /** `locale`: the browser's language (Accept-Language), used unless the flow knows its user's. */
  start(flowId: string, locale: Locale): Promise<StartResult>;
  callback(query: CallbackQuery): Promise<ConsentPage>;
}

/** Headers for every page: no script, no framing, no caching, no referrer (the URL holds a code). */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
  'strict-transport-security': 'max-age=31536000',
};

/** Adds the two routes to `server`. */
export function addAuthRoutes(server: restify.Server, pages: AuthPages, logger: Logger): void {
  server.get('/auth/start', async (req: restify.Request, res: restify.Response) => {
    const flow = queryOf(req).get('flow') ?? '';
    const locale = localeOfAcceptLanguage(req.headers['accept-language']);
    const result = await guarded(() => pages.start(flow.slice(0, 100), locale), logger, locale);
    if ('redirect' in result) {
      const cookie = `${BINDING_COOKIE}=${result.browserBinding}; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=600`;
      res.writeHead(302, { ...PAGE_HEADERS, location: result.redirect, 'set-cookie': cookie });
      res.end();
    } else sendPage(res, result.page);
  });
  server.get('/auth/callback', async (req: restify.Request, res: restify.Response) => {
    const query = queryOf(req);
    const locale = localeOfAcceptLanguage(req.headers['accept-language']);
    const page = await guarded(
      () =>
        pages.callback({
          code: query.get('code') ?? undefined,
          state: query.get('state') ?? undefined,
          error: query.get('error') ?? undefined,
          browserBinding: cookieValue(req.headers.cookie, BINDING_COOKIE),
          locale,
        }),
      logger,
      locale,
    );
    res.setHeader('set-cookie', `${BINDING_COOKIE}=; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=0`);
    sendPage(res, 'page' in page ? page.page : page);
  });
}

/** The cookie that ties a sign-in to the browser that started it (`__Host-`: Secure, Path=/, no Domain). */
export const BINDING_COOKIE = '__Host-missingkbs-signin';

/** The value of cookie `name` in a Cookie header. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

async function guarded<T>(run: () => Promise<T>, logger: Logger, locale: Locale): Promise<T | { page: ConsentPage }> {
  try {
    return await run();
  } catch (err) {
    logger.error('server.auth_page_failed', errorFields(err));
    return { page: consentPage('failed', locale) };
  }
}

function queryOf(req: restify.Request): URLSearchParams {
  return new URL(req.url ?? '/', 'http://bot').searchParams;
}

function sendPage(res: restify.Response, page: ConsentPage): void {
  const html = `<!doctype html><html lang="${page.locale ?? 'en'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${escapeHtml(page.title)}</title></head><body style="font-family:'Segoe UI',system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem">
<h1 style="font-size:1.4rem">${escapeHtml(page.title)}</h1><p>${escapeHtml(page.message)}</p></body></html>`;
  res.writeHead(page.status, { ...PAGE_HEADERS, 'content-type': 'text/html; charset=utf-8' });
  res.end(html);
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
