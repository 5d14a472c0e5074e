// Unit tests for src/auth/msalErrors.ts: msal-node's real error classes mapped to the error catalogue.
import assert from 'node:assert/strict';
import {
  AuthError,
  ClientAuthError,
  ClientAuthErrorCodes,
  InteractionRequiredAuthError,
  ServerError,
} from '@azure/msal-node';
import { aadstsCode, toAuthAppError } from '../../src/auth/msalErrors';
import { AppError, type ErrorCode } from '../../src/errors';

/** An Entra ID answer as msal-node raises it for an interaction-required error. */
function interaction(message: string, subError = '', correlationId?: string): InteractionRequiredAuthError {
  return new InteractionRequiredAuthError('invalid_grant', message, subError, undefined, undefined, correlationId);
}

describe('toAuthAppError', () => {
  const server = (error: string, message: string): ServerError => new ServerError(error, message);
  const cases: [string, unknown, ErrorCode, string | undefined][] = [
    [
      'a stale assertion',
      interaction('AADSTS50013: Assertion failed.', 'bad_token'),
      'sign-in-required',
      'AADSTS50013',
    ],
    ['a revoked assertion', interaction('AADSTS500133: Not in time.', 'bad_token'), 'sign-in-required', 'AADSTS500133'],
    ['AADSTS50013, server error', server('invalid_grant', 'AADSTS50013: Bad.'), 'sign-in-required', 'AADSTS50013'],
    ['no consent', interaction('AADSTS65001: no consent.', 'consent_required'), 'consent-required', 'AADSTS65001'],
    ['AADSTS65001, server error', server('invalid_grant', 'AADSTS65001: no'), 'consent-required', 'AADSTS65001'],
    ['MFA required', interaction('AADSTS50076: Use MFA.', 'basic_action'), 'consent-required', 'AADSTS50076'],
    ['MFA enrollment', interaction('AADSTS50079: Enrol MFA.', 'basic_action'), 'consent-required', 'AADSTS50079'],
    ['Conditional Access', interaction('AADSTS53003: Blocked.', 'basic_action'), 'blocked-by-policy', 'AADSTS53003'],
    ['a non-compliant device', server('invalid_grant', 'AADSTS53000: x'), 'blocked-by-policy', 'AADSTS53000'],
    ['a device not joined', server('invalid_grant', 'AADSTS53001: x'), 'blocked-by-policy', 'AADSTS53001'],
    ['an app not approved', server('invalid_grant', 'AADSTS53002: x'), 'blocked-by-policy', 'AADSTS53002'],
    [
      'interaction required, no code',
      new InteractionRequiredAuthError('interaction_required', 'sign in again'),
      'consent-required',
      'interaction_required',
    ],
    ['a wrong client secret', server('invalid_client', 'AADSTS7000215: Invalid.'), 'config', 'AADSTS7000215'],
    ['an unknown application', server('unauthorized_client', 'AADSTS700016: x'), 'config', 'AADSTS700016'],
    ['invalid_client, no code', server('invalid_client', 'bad credential'), 'config', 'invalid_client'],
    ['a network error', new ClientAuthError(ClientAuthErrorCodes.networkError), 'upstream-failure', 'network_error'],
    ['a generic AuthError', new AuthError('unexpected_error', 'oops'), 'upstream-failure', 'unexpected_error'],
    ['an unknown code', server('temporarily_unavailable', 'AADSTS90033'), 'upstream-failure', 'AADSTS90033'],
    ['a plain Error', new Error('socket hang up'), 'upstream-failure', undefined],
    ['an Error naming a code', new Error('AADSTS50013 in text'), 'sign-in-required', 'AADSTS50013'],
    ['a string', 'weird', 'upstream-failure', undefined],
    ['a value with no string form (no prototype)', Object.create(null), 'upstream-failure', undefined],
  ];
  for (const [label, thrown, code, upstreamCode] of cases) {
    it(`maps ${label} to ${code}`, () => {
      const error = toAuthAppError(thrown, 'token (obo)');
      assert.ok(error instanceof AppError);
      assert.equal(error.code, code);
      assert.equal(error.details.upstreamCode, upstreamCode);
      assert.equal(error.cause, thrown);
      assert.match(error.message, /^token \(obo\): /);
    });
  }

  it('maps an app-only request to an organisation without admin consent to admin-consent-required, naming it', () => {
    const tenant = '11111111-2222-4333-8444-555555555555';
    for (const [error, message] of [
      ['invalid_client', 'AADSTS7000229: The client application x is missing service principal in the tenant y.'],
      ['unauthorized_client', 'AADSTS700016: Application with identifier x was not found in the directory y.'],
      ['invalid_grant', 'AADSTS65001: The user or administrator has not consented to use the application.'],
    ]) {
      const mapped = toAuthAppError(new ServerError(error, message), 'token (app)', tenant);
      assert.equal(mapped.code, 'admin-consent-required', message);
      assert.equal(mapped.details.tenantId, tenant);
    }
    const own = toAuthAppError(new ServerError('invalid_client', 'AADSTS7000215: Invalid client secret.'), 'x', tenant);
    assert.equal(own.code, 'config');
  });

  it('never copies Entra ID’s message into its own', () => {
    const error = toAuthAppError(new ServerError('invalid_grant', 'AADSTS50013: secret-detail user@contoso.com'), 'x');
    assert.ok(!error.message.includes('secret-detail') && !error.message.includes('contoso'));
  });

  it('carries the correlation id, and none when MSAL has an empty one', () => {
    const server = new ServerError('invalid_client', 'AADSTS7000215: Invalid client secret.');
    server.setCorrelationId('0f3c5a2e-1111-2222-3333-444455556666');
    assert.equal(toAuthAppError(server, 'x').details.correlationId, '0f3c5a2e-1111-2222-3333-444455556666');
    const viaConstructor = interaction('AADSTS65001: no consent', 'consent_required', 'corr-from-constructor');
    assert.equal(toAuthAppError(viaConstructor, 'x').details.correlationId, 'corr-from-constructor');
    assert.equal(toAuthAppError(new ServerError('invalid_client', ''), 'x').details.correlationId, undefined);
  });

  it('gives an AppError back as it is', () => {
    const original = new AppError('timeout', 'Entra ID did not answer');
    assert.equal(toAuthAppError(original, 'x'), original);
  });
});

describe('aadstsCode', () => {
  it('finds the number of an AADSTS code as a whole word', () => {
    assert.equal(aadstsCode('AADSTS50013: Assertion failed'), '50013');
    assert.equal(aadstsCode('invalid_grant AADSTS500133 bad_token'), '500133');
    assert.equal(aadstsCode('Error (AADSTS7000215).'), '7000215');
  });

  it('finds nothing without a code, with too few or too many digits, or inside a word', () => {
    for (const text of ['', 'invalid_grant', 'AADSTS123', 'AADSTS123456789', 'xAADSTS50013', 'AADSTS50013x']) {
      assert.equal(aadstsCode(text), undefined, text);
    }
  });
});
