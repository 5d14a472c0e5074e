// Unit tests for src/auth/msalTokens.ts: MsalTokenAcquirer on a fake confidential client (results, errors, timeout, logs).
import assert from 'node:assert/strict';
import type { AuthenticationResult, ConfidentialClientApplication } from '@azure/msal-node';
import { InteractionRequiredAuthError } from '@azure/msal-node';
import sinon from 'sinon';
import { MsalTokenAcquirer } from '../../src/auth/msalTokens';
import { silentLogger, createLogger, type Logger, type LogLevel } from '../../src/log';
import { failure } from '../support/errors';

const ASSERTION = 'eyJ-sso-assertion-from-teams.SECRET';
const ACCESS = 'eyJ-access-token-for-defender.SECRET';
const SCOPES = ['https://api.securitycenter.microsoft.com/Software.Read'];
const EXPIRES = new Date('2030-01-01T00:00:00Z');

/** The two MSAL calls the acquirer makes, answered by `answer` and recorded. */
class FakeClient {
  readonly calls: { method: string; request: Record<string, unknown> }[] = [];
  answer: () => Promise<AuthenticationResult | null> = () =>
    Promise.resolve({ accessToken: ACCESS, expiresOn: EXPIRES, fromCache: false } as AuthenticationResult);

  acquireTokenOnBehalfOf(request: Record<string, unknown>): Promise<AuthenticationResult | null> {
    this.calls.push({ method: 'obo', request });
    return this.answer();
  }

  acquireTokenByClientCredential(request: Record<string, unknown>): Promise<AuthenticationResult | null> {
    this.calls.push({ method: 'app', request });
    return this.answer();
  }
}

/** An acquirer on a fake client, logging at `level` into `lines`. */
function acquirer(level: LogLevel = 'silent', timeoutMs?: number) {
  const client = new FakeClient();
  const lines: string[] = [];
  const logger: Logger = createLogger(level, (line) => lines.push(line));
  const tokens = new MsalTokenAcquirer(client as unknown as ConfidentialClientApplication, logger, timeoutMs);
  return { client, lines, tokens };
}

describe('MsalTokenAcquirer', () => {
  afterEach(() => {
    sinon.restore();
  });

  it('gets On-Behalf-Of tokens (at the user’s own tenant when given) and app-only tokens, with their expiry', async () => {
    const client = new FakeClient();
    const host = 'https://login.microsoftonline.com';
    const tokens = new MsalTokenAcquirer(client as unknown as ConfidentialClientApplication, silentLogger, 1000, host);
    const expected = { token: ACCESS, expiresOn: EXPIRES.getTime() };
    assert.deepEqual(await tokens.acquireOnBehalfOf(ASSERTION, SCOPES), expected);
    await tokens.acquireOnBehalfOf(ASSERTION, SCOPES, 'bbbbbbbb-0000-0000-0000-00000000000b');
    const appScopes = ['https://api.securitycenter.microsoft.com/.default'];
    assert.deepEqual(await tokens.acquireForApp(appScopes), expected);
    const obo = { oboAssertion: ASSERTION, scopes: SCOPES, skipCache: true };
    assert.deepEqual(client.calls, [
      { method: 'obo', request: obo },
      { method: 'obo', request: { ...obo, authority: `${host}/bbbbbbbb-0000-0000-0000-00000000000b` } },
      { method: 'app', request: { scopes: appScopes } },
    ]);
  });

  it('assumes 5 minutes when MSAL gives no expiry', async () => {
    sinon.useFakeTimers({ now: 1_700_000_000_000, toFake: ['Date'] });
    const { client, tokens } = acquirer();
    client.answer = () => Promise.resolve({ accessToken: ACCESS, expiresOn: null } as AuthenticationResult);
    assert.equal((await tokens.acquireForApp(SCOPES)).expiresOn, 1_700_000_000_000 + 5 * 60_000);
  });

  it('fails with upstream-failure when MSAL gives no token', async () => {
    const { client, tokens } = acquirer();
    client.answer = () => Promise.resolve(null);
    assert.equal((await failure(tokens.acquireOnBehalfOf(ASSERTION, SCOPES))).code, 'upstream-failure');
    client.answer = () => Promise.resolve({ accessToken: '' } as AuthenticationResult);
    assert.equal((await failure(tokens.acquireForApp(SCOPES))).code, 'upstream-failure');
  });

  it('gives up with timeout when Entra ID does not answer in time', async () => {
    const { client, tokens } = acquirer('silent', 20);
    client.answer = () => new Promise<never>(() => undefined);
    const started = Date.now();
    const error = await failure(tokens.acquireOnBehalfOf(ASSERTION, SCOPES));
    assert.equal(error.code, 'timeout');
    assert.ok(Date.now() - started < 2_000);
  });

  describe('logs', () => {
    for (const level of ['debug', 'info', 'warn', 'error'] as const) {
      it(`logs scopes and outcomes, never the token or the assertion (${level})`, async () => {
        const { client, lines, tokens } = acquirer(level);
        await tokens.acquireOnBehalfOf(ASSERTION, SCOPES);
        client.answer = () =>
          Promise.reject(new InteractionRequiredAuthError('invalid_grant', `AADSTS50013 ${ASSERTION}`));
        await failure(tokens.acquireOnBehalfOf(ASSERTION, SCOPES));
        const all = lines.join('\n');
        assert.ok(!all.includes(ASSERTION) && !all.includes(ACCESS) && !all.includes('SECRET'), all);
        const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
        const ok = records.find((r) => r.msg === 'auth.token');
        const failed = records.find((r) => r.msg === 'auth.token_failed');
        assert.equal(ok !== undefined, level === 'debug' || level === 'info', 'success at info');
        assert.equal(failed !== undefined, level !== 'error', 'failure at warn');
        if (ok) assert.deepEqual({ flow: ok.flow, scopes: ok.scopes }, { flow: 'obo', scopes: SCOPES });
        if (failed) {
          assert.deepEqual(
            { flow: failed.flow, scopes: failed.scopes, code: failed.code, upstreamCode: failed.upstreamCode },
            { flow: 'obo', scopes: SCOPES, code: 'sign-in-required', upstreamCode: 'AADSTS50013' },
          );
        }
      });
    }
  });
});
