// Unit tests for src/auth/signIn.ts: the token cache, waiting commands and the SSO token exchange, on fakes.
import assert from 'node:assert/strict';
import sinon from 'sinon';
import { MAX_FLOWS_PER_USER } from '../../src/auth/signIn';
import { AppError } from '../../src/errors';
import { ALICE, BOB, hourToken, SIGN_IN_OPTIONS, signInService } from '../support/signIn';

const SSO = 'sso-token-from-teams';

describe('SignInService', () => {
  afterEach(() => {
    sinon.restore();
  });

  describe('token cache', () => {
    it('has no token before sign-in, the remembered one after (any case of the ids), none once forgotten', async () => {
      const { service } = signInService();
      assert.equal(service.tokenFor(ALICE), undefined);
      service.remember(ALICE, hourToken('t-alice'));
      const upper = { tenantId: ALICE.tenantId.toUpperCase(), userId: ALICE.userId.toUpperCase() };
      assert.equal(await service.tokenFor(upper)?.(), 't-alice');
      assert.equal(service.tokenFor(BOB), undefined);
      service.forget(ALICE);
      assert.equal(service.tokenFor(ALICE), undefined);
    });

    it('does not keep a token that expires within 5 minutes, and drops a kept one 5 minutes before expiry', () => {
      const clock = sinon.useFakeTimers({ now: 1_700_000_000_000 });
      const { service } = signInService();
      service.remember(ALICE, { token: 't', expiresOn: Date.now() + 5 * 60_000 });
      assert.equal(service.tokenFor(ALICE), undefined);
      service.remember(ALICE, { token: 't', expiresOn: Date.now() + 6 * 60_000 });
      assert.ok(service.tokenFor(ALICE));
      clock.tick(60_000);
      assert.equal(service.tokenFor(ALICE), undefined);
    });

    it('keeps at most maxUsers tokens, forgetting the user seen longest ago', () => {
      const { service } = signInService({ maxUsers: 2 });
      const carol = { ...ALICE, userId: 'c0000000-0000-0000-0000-000000000003' };
      service.remember(ALICE, hourToken());
      service.remember(BOB, hourToken());
      service.remember(carol, hourToken());
      assert.equal(service.tokenFor(ALICE), undefined);
      assert.ok(service.tokenFor(BOB) && service.tokenFor(carol));
    });
  });

  describe('waiting commands', () => {
    it('gives an exchange id and the consent page of its flow', () => {
      const { service } = signInService();
      const prompt = service.requestSignIn(ALICE, 'cmd');
      assert.match(prompt.exchangeId, /^[\w-]{20,}$/);
      assert.equal(prompt.signInUrl, `${SIGN_IN_OPTIONS.publicBaseUrl}/auth/start?flow=${prompt.exchangeId}`);
      assert.deepEqual(service.flowUser(prompt.exchangeId), ALICE);
      assert.equal(service.signInUrl(ALICE), prompt.signInUrl);
      assert.notEqual(service.requestSignIn(ALICE, 'cmd').exchangeId, prompt.exchangeId);
    });

    it('keeps each command with its own flow when one user sends two', async () => {
      const { service } = signInService();
      const first = service.requestSignIn(ALICE, 'first');
      service.requestSignIn(ALICE, 'second');
      const outcome = await service.exchange(ALICE, SSO, first.exchangeId, 'k1');
      assert.deepEqual(outcome, { kind: 'signed-in', pending: 'first', flowKnown: true });
      assert.equal(service.takeLatest(ALICE), 'second');
    });

    it('forgets a waiting command and its flow after pendingTtlMs', async () => {
      const clock = sinon.useFakeTimers({ now: 1_700_000_000_000 });
      const { service } = signInService({ pendingTtlMs: 1_000 });
      const { exchangeId } = service.requestSignIn(ALICE, 'cmd');
      clock.tick(999);
      assert.deepEqual(service.flowUser(exchangeId), ALICE);
      clock.tick(1);
      assert.equal(service.flowUser(exchangeId), undefined);
      assert.deepEqual(await service.exchange(ALICE, SSO, exchangeId, 'k'), {
        kind: 'signed-in',
        pending: undefined,
        flowKnown: false,
      });
    });
  });

  describe('waiting sign-ins per user', () => {
    it('caps one user’s waiting sign-ins, dropping that user’s oldest and never another user’s', () => {
      const { service } = signInService({ maxUsers: 3 });
      const bobs = service.requestSignIn(BOB, 'bob-cmd');
      const alices = Array.from({ length: 50 }, (_, i) => service.requestSignIn(ALICE, `alice-${i}`));
      assert.deepEqual(service.flowUser(bobs.exchangeId), BOB);
      assert.equal(service.takeFlow(bobs.exchangeId), 'bob-cmd');
      const kept = alices.filter((a) => service.flowUser(a.exchangeId) !== undefined).map((a) => a.exchangeId);
      assert.deepEqual(
        kept,
        alices.slice(-MAX_FLOWS_PER_USER).map((a) => a.exchangeId),
      );
      assert.equal(service.takeLatest(ALICE), 'alice-49');
    });

    it('gives a flow’s command back once, to one finisher only, and remembers that it ran', () => {
      const { service } = signInService();
      const { exchangeId } = service.requestSignIn(ALICE, 'cmd');
      assert.equal(service.wasResumed(exchangeId), false);
      assert.equal(service.takeLatest(ALICE), 'cmd');
      assert.equal(service.takeFlow(exchangeId), undefined);
      assert.equal(service.wasResumed(exchangeId), true);
    });
  });

  describe('exchange', () => {
    it('validates, gets an On-Behalf-Of token for the configured scopes, and gives the waiting command', async () => {
      const { service, acquirer, validator } = signInService();
      const { exchangeId } = service.requestSignIn(ALICE, 'cmd');
      const outcome = await service.exchange(ALICE, SSO, exchangeId, 'k1');
      assert.deepEqual(outcome, { kind: 'signed-in', pending: 'cmd', flowKnown: true });
      assert.deepEqual(validator.calls, [{ token: SSO, user: ALICE }]);
      const obo = { assertion: SSO, scopes: SIGN_IN_OPTIONS.scopes, tenantId: ALICE.tenantId };
      assert.deepEqual(acquirer.oboCalls, [obo]);
      assert.equal(await service.tokenFor(ALICE)?.(), 'obo-access-token');
      assert.equal(service.takeFlow(exchangeId), undefined);
    });

    const failures: [string, Error, string][] = [
      ['an AppError from the acquirer', new AppError('config', 'AADSTS7000215'), 'config'],
      ['a plain Error from the acquirer', new Error('socket hang up'), 'internal'],
    ];
    for (const [label, thrown, code] of failures) {
      it(`answers failed ${code} to ${label}, keeping no token`, async () => {
        const { service, acquirer } = signInService();
        acquirer.answer = () => Promise.reject(thrown);
        const { exchangeId } = service.requestSignIn(ALICE, 'cmd');
        const outcome = await service.exchange(ALICE, SSO, exchangeId, 'k');
        assert.equal(outcome.kind === 'failed' && outcome.error.code, code);
        assert.equal(acquirer.oboCalls.length, 1);
        assert.equal(service.tokenFor(ALICE), undefined);
      });
    }
  });
});
