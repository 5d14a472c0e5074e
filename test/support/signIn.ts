/** Fakes at the seams of the sign-in layer: a token acquirer, an SSO token validator and a SignInService on them. */
import { SignInService, type SignInOptions } from '../../src/auth/signIn';
import type { SsoCheck } from '../../src/auth/ssoToken';
import type { SsoValidator } from '../../src/auth/signIn';
import type { AccessToken, TokenAcquirer, UserRef } from '../../src/auth/types';
import { silentLogger } from '../../src/log';

/** The user most tests sign in. */
export const ALICE: UserRef = {
  tenantId: 'aaaaaaaa-0000-0000-0000-000000000001',
  userId: 'a11ce000-0000-0000-0000-000000000001',
};
/** Another user of the same tenant. */
export const BOB: UserRef = { tenantId: ALICE.tenantId, userId: 'b0b00000-0000-0000-0000-000000000002' };

/** A token that expires in an hour. */
export function hourToken(token = 'obo-access-token'): AccessToken {
  return { token, expiresOn: Date.now() + 60 * 60_000 };
}

/** A TokenAcquirer that records its calls and answers with `answer` (a token by default). */
export class FakeAcquirer implements TokenAcquirer {
  readonly oboCalls: { assertion: string; scopes: readonly string[]; tenantId?: string }[] = [];
  answer: () => Promise<AccessToken> = () => Promise.resolve(hourToken());

  acquireOnBehalfOf(userAssertion: string, scopes: readonly string[], tenantId?: string): Promise<AccessToken> {
    this.oboCalls.push({ assertion: userAssertion, scopes, tenantId });
    return this.answer();
  }

  acquireForApp(): Promise<AccessToken> {
    return Promise.reject(new Error('not used by these tests'));
  }
}

/** An SSO token validator that gives `result` and records what it checked. */
export class FakeValidator implements SsoValidator {
  readonly calls: { token: string; user: UserRef }[] = [];
  result: SsoCheck = { ok: true, claims: { tenantId: ALICE.tenantId, userId: ALICE.userId, expiresAt: 0 } };

  check(token: string, user: UserRef): Promise<SsoCheck> {
    this.calls.push({ token, user });
    return Promise.resolve(this.result);
  }
}

/** Defaults of the service under test. */
export const SIGN_IN_OPTIONS: SignInOptions = {
  scopes: ['https://api.securitycenter.microsoft.com/Software.Read'],
  maxUsers: 100,
  publicBaseUrl: 'https://bot.contoso.com',
};

/** A SignInService on fresh fakes; `P` is a string in these tests. */
export function signInService(options: Partial<SignInOptions> = {}): {
  service: SignInService<string>;
  acquirer: FakeAcquirer;
  validator: FakeValidator;
} {
  const acquirer = new FakeAcquirer();
  const validator = new FakeValidator();
  const service = new SignInService<string>(acquirer, validator, { ...SIGN_IN_OPTIONS, ...options }, silentLogger);
  return { service, acquirer, validator };
}
