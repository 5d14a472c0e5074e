/** Builds the sign-in stack from the configuration: one MSAL client behind every token. */
import type { ConfidentialClientApplication } from '@azure/msal-node';
import type { AuthConfig } from '../config/auth';
import type { Logger } from '../log';
import { MsalAuthCodeClient } from './authCode';
import { ConsentFlow } from './consent';
import { createConfidentialClient, type EntraNetworkOptions } from './msalClient';
import { MsalTokenAcquirer } from './msalTokens';
import { SignInService } from './signIn';
import { SsoTokenValidator } from './ssoToken';
import type { TokenAcquirer } from './types';

export type { EntraNetworkOptions } from './msalClient';

/** The parts of sign-in the composition root wires up. */
export interface SignInStack<P> {
  /** The confidential client, also handed to the adapter for Bot Connector tokens. */
  readonly client: ConfidentialClientApplication;
  /** On-Behalf-Of and app-only tokens. */
  readonly tokens: TokenAcquirer;
  readonly signIn: SignInService<P>;
  readonly consent: ConsentFlow<P>;
  /** Fetches SSO token metadata ahead of the first sign-in (never rejects). */
  readonly preload: () => Promise<void>;
  /** Where an admin grants consent for a whole tenant. */
  readonly adminConsentUrl: (tenantId: string) => string;
}

/** Creates the stack; `P` is what the bot needs to resume a waiting command. */
export function createSignInStack<P>(
  auth: AuthConfig,
  logger: Logger,
  network: EntraNetworkOptions = {},
): SignInStack<P> {
  const log = logger.child({ component: 'auth' });
  const client = createConfidentialClient(auth, log, network);
  const tokens = new MsalTokenAcquirer(client, log, undefined, auth.authorityHost);
  const validator = new SsoTokenValidator({
    authorityHost: auth.authorityHost,
    appId: auth.appId,
    ssoResource: auth.ssoResource,
    allowedTenants: auth.allowedTenants,
    ca: network.ca,
    logger: log,
  });
  const scopes = [auth.defenderScope];
  const signIn = new SignInService<P>(
    tokens,
    validator,
    { scopes, maxUsers: auth.tokenCacheMaxUsers, publicBaseUrl: auth.publicBaseUrl },
    log,
  );
  const consent = new ConsentFlow<P>(
    signIn,
    new MsalAuthCodeClient(client, auth.authorityHost),
    { publicBaseUrl: auth.publicBaseUrl, scopes },
    log,
  );
  const adminConsentUrl = (tenantId: string): string =>
    `${auth.authorityHost}/${encodeURIComponent(tenantId)}/adminconsent?client_id=${auth.appId}`;
  return { client, tokens, signIn, consent, adminConsentUrl, preload: () => validator.preload() };
}
