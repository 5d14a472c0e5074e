/** A fake Microsoft Entra ID (Microsoft identity platform v2.0) over HTTPS on loopback, built from the documented contracts: */
import type http from 'node:http';
import { readBody, type Started } from './http';
import { nowSeconds } from './jwt';
import { startHttps, testTls } from './tls';
import { authorize, type BrowserReply } from './fakeEntra/authorize';
import { authenticateClient, requestClientId, type ClientAuth } from './fakeEntra/clientAuth';
import { EntraFailure, errorBody } from './fakeEntra/errors';
import { grantToken, requestUser } from './fakeEntra/grants';
import { openIdConfiguration } from './fakeEntra/metadata';
import { EntraTenant } from './fakeEntra/tenant';
import { ssoToken } from './fakeEntra/tokens';
import type { EntraApp, EntraUser, SsoTokenOptions, TokenRequestRecord } from './fakeEntra/types';

export type { EntraApp, EntraUser, SsoTokenOptions, TokenRequestRecord } from './fakeEntra/types';

/** Another organisation where the (multi-tenant) app is used. */
export interface OtherTenant {
  readonly tenantId: string;
  /** Whether an admin granted the app its application permissions there (default true). */
  readonly adminConsent?: boolean;
}

/** Options of `FakeEntra.start`. */
export interface FakeEntraOptions {
  readonly tenantId: string;
  readonly app: EntraApp;
  /** More organisations served, besides `tenantId`. */
  readonly otherTenants?: readonly OtherTenant[];
}

type Answer = { status: number; body: Record<string, unknown> } | { status: 302; location: string };

/** The fake identity provider. */
export class FakeEntra {
  /** Every token endpoint request, with how it was judged. */
  readonly tokenRequests: TokenRequestRecord[] = [];
  readonly requests: { method: string; path: string }[] = [];
  /** How long the token endpoint takes to answer an On-Behalf-Of request (a slow Entra ID). */
  oboDelayMs = 0;

  private constructor(
    private readonly started: Started,
    private readonly tenant: EntraTenant,
    private readonly tenants: ReadonlyMap<string, EntraTenant>,
  ) {}

  static async start(options: FakeEntraOptions): Promise<FakeEntra> {
    const holder: { self?: FakeEntra } = {};
    const started = await startHttps((req, res) => void holder.self?.handle(req, res));
    const lifetime = 3600; // expires_in of the access tokens it issues
    const tenant = new EntraTenant(started.url, options.tenantId, options.app, lifetime);
    const tenants = new Map([[tenant.tenantId, tenant]]);
    for (const other of options.otherTenants ?? []) {
      const entra = new EntraTenant(started.url, other.tenantId, options.app, lifetime);
      entra.adminConsent = other.adminConsent ?? true;
      tenants.set(other.tenantId, entra);
    }
    holder.self = new FakeEntra(started, tenant, tenants);
    return holder.self;
  }

  /** `https://127.0.0.1:{port}`, the authority host's URL. */
  get url(): string {
    return this.started.url;
  }

  /** The PEM to trust: the fake's self-signed certificate. */
  get ca(): string {
    return testTls().ca;
  }

  /** An SSO token as Teams obtains it for the bot (v1.0, aud = the app's Application ID URI, by default). */
  ssoToken(user: EntraUser, options?: SsoTokenOptions): string {
    return ssoToken(this.tenant, user, options);
  }

  /** Signs any claims with the tenant's token signing key: tokens Entra would never issue (e.g. without `ver`). */
  sign(claims: object, ver: '1.0' | '2.0' = '1.0'): string {
    return this.tenant.sign(claims, ver);
  }

  /** The user's consent is missing: OBO fails with consent_required (AADSTS65001) until consent is granted. */
  requireConsent(userOid: string): void {
    this.tenant.consentMissing.add(userOid);
  }

  /** Revokes the SSO tokens issued to the user so far: OBO with them fails (AADSTS50013); new ones work. */
  revoke(userOid: string): void {
    this.tenant.revoke(userOid);
  }

  /** The user `/authorize` signs in; signing in grants that user's consent. */
  signInAs(user: EntraUser): void {
    this.tenant.signedIn = user;
    this.tenant.consentMissing.delete(user.oid);
  }

  /** The payload of a token this fake signed that is within its valid time range; else undefined. */
  verifyAccessToken(token: string): Record<string, any> | undefined {
    const payload = this.tenant.verify(token);
    const now = nowSeconds();
    const current = payload && typeof payload.exp === 'number' && payload.exp > now && (payload.nbf ?? 0) <= now;
    return current ? payload : undefined;
  }

  close(): Promise<void> {
    return this.started.close();
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const method = req.method ?? 'GET';
    this.requests.push({ method, path: url.pathname });
    const body = method === 'POST' ? await readBody(req) : '';
    if (this.oboDelayMs > 0 && new URLSearchParams(body).get('requested_token_use') === 'on_behalf_of')
      await new Promise((resolve) => setTimeout(resolve, this.oboDelayMs));
    let answer: Answer;
    try {
      answer = this.route(method, url, body, req.headers.authorization);
    } catch (failure) {
      const correlationId = req.headers['client-request-id'] as string | undefined;
      answer =
        failure instanceof EntraFailure
          ? { status: failure.status, body: errorBody(failure, this.url, correlationId) }
          : {
              status: 500,
              body: { error: 'server_error', error_description: `fake Entra ID bug: ${String(failure)}` },
            };
    }
    if ('location' in answer) {
      res.writeHead(302, { location: answer.location, 'cache-control': 'no-store' });
      res.end();
      return;
    }
    res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(JSON.stringify(answer.body));
  }

  private route(method: string, url: URL, body: string, authorization?: string): Answer {
    const match = /^\/([^/]+)(\/.*)$/.exec(url.pathname);
    const endpoint = match ? this.endpoints[`${method} ${match[2]}`] : undefined;
    if (!match || !endpoint) return { status: 404, body: { error: 'not_found', error_description: url.pathname } };
    const tenant = this.tenants.get(match[1]);
    if (!tenant) {
      const detail = `Tenant '${match[1]}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`;
      throw new EntraFailure(400, 'invalid_tenant', 90002, detail);
    }
    return endpoint(tenant, url, body, authorization);
  }

  /** The endpoints under `/{tenant}`. */
  private readonly endpoints: Record<
    string,
    (tenant: EntraTenant, url: URL, body: string, authorization?: string) => Answer
  > = {
    'GET /v2.0/.well-known/openid-configuration': (tenant) => json(openIdConfiguration(tenant, '2.0')),
    'GET /.well-known/openid-configuration': (tenant) => json(openIdConfiguration(tenant, '1.0')),
    'GET /discovery/v2.0/keys': (tenant) => json(tenant.jwks('2.0')),
    'GET /discovery/keys': (tenant) => json(tenant.jwks('1.0')),
    'POST /oauth2/v2.0/token': (tenant, _url, body, authorization) =>
      this.token(tenant, new URLSearchParams(body), authorization),
    'GET /oauth2/v2.0/authorize': (tenant, url) => browser(authorize(tenant, url.searchParams)),
  };

  private token(tenant: EntraTenant, form: URLSearchParams, authorization?: string): Answer {
    let clientAuth: ClientAuth | 'none' = 'none';
    const record = {
      tenantId: tenant.tenantId,
      grantType: form.get('grant_type') ?? '',
      clientId: requestClientId(form, authorization),
      scope: form.get('scope') ?? undefined,
      requestedTokenUse: form.get('requested_token_use') ?? undefined,
      userOid: requestUser(tenant, form),
    };
    try {
      clientAuth = authenticateClient(tenant, form, authorization);
      const granted = grantToken(tenant, form, clientAuth);
      this.tokenRequests.push({ ...record, clientAuth, status: 200 });
      return { status: 200, body: granted.body };
    } catch (failure) {
      if (failure instanceof EntraFailure) {
        this.tokenRequests.push({ ...record, clientAuth, status: failure.status, error: failure.error });
      }
      throw failure;
    }
  }
}

const json = (body: Record<string, unknown>): Answer => ({ status: 200, body });

/** A browser leg's answer: a redirect, or the failure (an error page). */
function browser(reply: BrowserReply): Answer {
  if (reply instanceof EntraFailure) throw reply;
  return { status: 302, location: reply.location };
}
