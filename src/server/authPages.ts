/** The consent pages' routes (`/auth/start`, `/auth/callback`, TeamsJS): redirects and small HTML pages. */
import type restify from 'restify';
import type { CallbackQuery, ConsentPage, StartResult } from '../auth/consent';
import { consentPage } from '../cards/signInText';
import { localeOfAcceptLanguage, type Locale } from '../i18n';
import { errorFields, type Logger } from '../log';
import { PAGE_CSP, renderPage, TEAMS_JS_PATH, teamsJsBundle } from './signInPage';

/** What the pages need from the sign-in layer. */
export interface AuthPages {
  /**
   * `locale`: the browser's language (Accept-Language), used unless the flow knows its user's;
   * `browserBinding`: the sign-in cookie this browser already holds, if any.
   */
  start(flowId: string, locale: Locale, browserBinding?: string): Promise<StartResult>;
  callback(query: CallbackQuery): Promise<ConsentPage>;
}

/** Headers for every page: only TeamsJS and the page's own script, no framing, no caching, no referrer (the URL holds a code). */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': PAGE_CSP,
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
    const binding = cookieValue(req.headers.cookie, BINDING_COOKIE);
    const result = await guarded(() => pages.start(flow.slice(0, 100), locale, binding), logger, locale);
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
  // The URL carries a version (?v=...): the bundle may be cached for a year.
  server.get(TEAMS_JS_PATH, (_req: restify.Request, res: restify.Response, next: restify.Next) => {
    const { body } = teamsJsBundle();
    res.writeHead(200, {
      'content-type': 'text/javascript; charset=utf-8',
      'content-length': body.length,
      'cache-control': 'public, max-age=31536000, immutable',
    });
    res.end(body);
    next();
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
  res.writeHead(page.status, { ...PAGE_HEADERS, 'content-type': 'text/html; charset=utf-8' });
  res.end(renderPage(page));
}
