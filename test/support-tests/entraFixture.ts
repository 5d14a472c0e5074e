/**
 * One fake Entra ID per test file (started in `before`, closed in `after`), the real msal-node pointed
 * at it as the bot's auth module will be, and a small HTTPS GET that trusts the fake's certificate.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import https from 'node:https';
import { ConfidentialClientApplication, type NodeAuthOptions } from '@azure/msal-node';
import { FakeEntra, type EntraUser } from '../support/fakeEntra';
import { appCertificate } from '../support/tls';

export const TENANT = '3f9c1a52-7d4e-4b8a-9c61-2e5f8a0b7d13';
export const APP_ID = 'b7e2c4d1-95a3-4f60-8e2b-1c7d9a3f5e08';
export const SECRET = 'fake~client~secret~value';
export const SSO_RESOURCE = `api://botid-${APP_ID}`;
export const DEFENDER = 'https://api.securitycenter.microsoft.com';

/** The client credential part of msal-node's auth options. */
export type Credential = Pick<NodeAuthOptions, 'clientSecret' | 'clientCertificate'>;

/** The started fake and a factory of MSAL clients (each with an empty cache). */
export interface EntraFixture {
  readonly fake: FakeEntra;
  msal(credential?: Credential, clientId?: string): ConfidentialClientApplication;
}

/** Registers before/after hooks for one fake; the app has a secret and a certificate credential. */
export function entraFixture(): EntraFixture {
  let started: FakeEntra | undefined;
  before(async () => {
    const app = {
      clientId: APP_ID,
      clientSecret: SECRET,
      certificatePem: appCertificate().certPem,
      ssoResource: SSO_RESOURCE,
    };
    started = await FakeEntra.start({ tenantId: TENANT, app });
  });
  after(() => started?.close());
  return {
    get fake(): FakeEntra {
      return started!;
    },
    msal(credential: Credential = { clientSecret: SECRET }, clientId = APP_ID): ConfidentialClientApplication {
      const authority = `${started!.url}/${TENANT}`;
      return new ConfidentialClientApplication({
        auth: { clientId, authority, knownAuthorities: [started!.host], ...credential },
        system: { customAgentOptions: { ca: started!.ca } },
      });
    },
  };
}

/** What `promise` rejects with; fails when it resolves. */
export function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => assert.fail('expected a rejection'),
    (e: unknown) => e,
  );
}

/** A new user of the tenant. */
export function newUser(name = 'Alex Analyst'): EntraUser {
  const oid = randomUUID();
  return { oid, tid: TENANT, name, preferredUsername: `${oid.slice(0, 8)}@contoso.example` };
}

/** GETs a URL (or a path on the fake) trusting the fake's certificate; no redirect is followed. */
export function httpsGet(
  fake: FakeEntra,
  pathOrUrl: string,
): Promise<{ status: number; location?: string; json: any }> {
  return new Promise((resolve, reject) => {
    https
      .get(new URL(pathOrUrl, fake.url), { ca: fake.ca }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            location: res.headers.location,
            json: text ? JSON.parse(text) : undefined,
          });
        });
      })
      .on('error', reject);
  });
}
