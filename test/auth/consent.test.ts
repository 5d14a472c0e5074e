// Unit tests for src/auth/consent.ts: the consent page's start and callback, on a fake authorization code client.
import assert from 'node:assert/strict';
import sinon from 'sinon';
import type { AuthCodeClient, AuthCodeResult, AuthCodeStart } from '../../src/auth/authCode';
import { ConsentFlow, MAX_STATES_PER_FLOW, type CallbackResult, type StartResult } from '../../src/auth/consent';
import type { SignInService } from '../../src/auth/signIn';
import { AppError } from '../../src/errors';
import { silentLogger } from '../../src/log';
import { ALICE, BOB, hourToken, SIGN_IN_OPTIONS, signInService } from '../support/signIn';

const CODE = 'authorization-code-0123456789';

/** An AuthCodeClient that records its calls; redeem answers with `redeemed` (Alice's token by default). */
class FakeAuthCodeClient implements AuthCodeClient {
  readonly starts: Parameters<AuthCodeClient['start']>[0][] = [];
  readonly redeems: Parameters<AuthCodeClient['redeem']>[0][] = [];
  redeemed: () => Promise<AuthCodeResult> = () => Promise.resolve({ token: hourToken('consented'), user: ALICE });

  start(options: Parameters<AuthCodeClient['start']>[0]): Promise<AuthCodeStart> {
    this.starts.push(options);
    return Promise.resolve({
      url: `https://login.example/authorize?n=${this.starts.length}`,
      codeVerifier: 'verifier',
    });
  }

  redeem(options: Parameters<AuthCodeClient['redeem']>[0]): Promise<AuthCodeResult> {
    this.redeems.push(options);
    return this.redeemed();
  }
}

describe('ConsentFlow', () => {
  let service: SignInService<string>;
  let codes: FakeAuthCodeClient;
  let flow: ConsentFlow<string>;
  beforeEach(() => {
    service = signInService().service;
    codes = new FakeAuthCodeClient();
    flow = new ConsentFlow(service, codes, SIGN_IN_OPTIONS, silentLogger);
  });
  afterEach(() => {
    sinon.restore();
  });

  /** The last sign-in started: its flow, and the cookie of the browser that started it. */
  let flowId = '';
  let binding = '';

  /** Starts the flow of a waiting command (none if `pending` is null) and gives the state handed to Entra ID. */
  async function started(pending: string | null = 'cmd'): Promise<string> {
    flowId = service.requestSignIn(ALICE, pending ?? undefined).exchangeId;
    const result = await flow.start(flowId);
    assert.ok('redirect' in result);
    binding = result.browserBinding;
    return codes.starts[codes.starts.length - 1].state;
  }

  /** The page of a result, checked to hold neither the code nor the state. */
  function page(result: StartResult | CallbackResult<string>, state = 'no-state'): { status: number; title: string } {
    assert.ok('page' in result);
    const json = JSON.stringify(result.page);
    assert.ok(!json.includes(CODE) && !json.includes(state), json);
    return { status: result.page.status, title: result.page.title };
  }

  const EXPIRED = { status: 400, title: 'This sign-in link has expired' };
  const DECLINED = { status: 403, title: 'Consent was not given' };
  const UNAVAILABLE = { status: 502, title: 'Sign-in is not available right now' };

  it('shows the expired page for an unknown flow, or an unknown or missing state, without going further', async () => {
    assert.deepEqual(page(await flow.start('unknown-flow')), EXPIRED);
    assert.deepEqual(page(await flow.callback({ code: CODE, state: 'forged' })), EXPIRED);
    assert.deepEqual(page(await flow.callback({ code: CODE })), EXPIRED);
    assert.equal(codes.starts.length + codes.redeems.length, 0);
  });

  it('redirects to the client’s URL with a fresh state, the callback URI and the scopes', async () => {
    const { exchangeId } = service.requestSignIn(ALICE, 'cmd');
    const result = await flow.start(exchangeId);
    assert.ok('redirect' in result);
    assert.equal(result.redirect, 'https://login.example/authorize?n=1');
    assert.match(result.browserBinding, /^[\w-]{43}$/);
    await flow.start(exchangeId);
    const [first, second] = codes.starts;
    assert.equal(first.redirectUri, 'https://bot.contoso.com/auth/callback');
    assert.equal(flow.redirectUri, first.redirectUri);
    assert.deepEqual(first.scopes, SIGN_IN_OPTIONS.scopes);
    assert.match(first.state, /^[\w-]{40,}$/);
    assert.notEqual(first.state, second.state);
  });

  it('shows the unavailable page when the sign-in URL cannot be made', async () => {
    codes.start = () => Promise.reject(new Error('crypto failed'));
    const { exchangeId } = service.requestSignIn(ALICE, 'cmd');
    assert.deepEqual(page(await flow.start(exchangeId)), UNAVAILABLE);
  });

  it('keeps the token, gives the waiting command once, hands the page a code for this user; the state is used once', async () => {
    const state = await started();
    const result = await flow.callback({ code: CODE, state, browserBinding: binding });
    assert.deepEqual(page(result, state), { status: 200, title: 'You are signed in' });
    assert.ok('page' in result && result.page.message.includes('answer is on its way'));
    assert.deepEqual(result.signedIn, { user: ALICE, pending: 'cmd' });
    assert.deepEqual(codes.redeems, [
      {
        code: CODE,
        codeVerifier: 'verifier',
        redirectUri: flow.redirectUri,
        scopes: SIGN_IN_OPTIONS.scopes,
        tenantId: ALICE.tenantId,
      },
    ]);
    assert.equal(await service.tokenFor(ALICE)?.(), 'consented');
    assert.equal(service.takeLatest(ALICE), undefined);
    // The code the page hands Teams (notifySuccess) names this flow, for this user only.
    const code = result.page.result ?? '';
    assert.match(code, /^[\w-]{32}$/);
    assert.equal(service.codes.flowOf(code, ALICE), flowId);
    assert.equal(service.codes.flowOf(code, BOB), undefined);
    assert.equal(service.codes.flowOf(`${code}x`, ALICE), undefined);
    const again = await flow.callback({ code: CODE, state, browserBinding: binding });
    assert.deepEqual(page(again, state), EXPIRED);
    assert.equal(again.page.result, undefined);
    assert.equal(codes.redeems.length, 1);
  });

  it('refuses a callback in another browser than the one that started (login CSRF), without redeeming', async () => {
    for (const other of [undefined, '', 'x'.repeat(43), (b: string) => `${b.slice(1)}x`]) {
      const state = await started();
      const given = typeof other === 'function' ? other(binding) : other;
      const result = await flow.callback({ code: CODE, state, browserBinding: given });
      assert.deepEqual(page(result, state), { status: 400, title: 'Finish signing in where you started' });
    }
    assert.equal(codes.redeems.length, 0);
    assert.equal(service.tokenFor(ALICE), undefined);
  });

  it('asks to send the command again when nothing is waiting', async () => {
    const state = await started(null);
    const result = await flow.callback({ code: CODE, state, browserBinding: binding });
    assert.ok('page' in result && result.page.message.includes('send your command again'));
    assert.deepEqual(result.signedIn, { user: ALICE, pending: undefined });
  });

  it('says the answer is on its way when verifyState already ran the command (it runs once)', async () => {
    const state = await started();
    service.remember(ALICE, hourToken());
    assert.equal(service.takeLatest(ALICE), 'cmd');
    const result = await flow.callback({ code: CODE, state, browserBinding: binding });
    assert.ok('page' in result && result.page.message.includes('answer is on its way'));
    assert.deepEqual(result.signedIn, { user: ALICE, pending: undefined });
  });

  describe('several people open one sign-in link (group chat)', () => {
    /** Opens the flow's link in a browser holding `cookie` (none: a new browser); gives its state and cookie. */
    async function open(flowId: string, cookie?: string): Promise<{ state: string; binding: string }> {
      const result = await flow.start(flowId, 'en', cookie);
      assert.ok('redirect' in result);
      return { state: codes.starts[codes.starts.length - 1].state, binding: result.browserBinding };
    }

    it('replaces the state of a browser that opens the link again, and keeps a few browsers at most', async () => {
      const { exchangeId } = service.requestSignIn(ALICE, 'cmd');
      const first = await open(exchangeId);
      const again = await open(exchangeId, first.binding);
      const stale = await flow.callback({ code: CODE, state: first.state, browserBinding: first.binding });
      assert.deepEqual(page(stale, first.state), EXPIRED);
      const others = [];
      for (let i = 0; i < MAX_STATES_PER_FLOW; i++) others.push(await open(exchangeId));
      const dropped = await flow.callback({ code: CODE, state: again.state, browserBinding: again.binding });
      assert.deepEqual(page(dropped, again.state), EXPIRED, 'the oldest beyond the cap is dropped');
      // The oldest kept still signs in, though the other members opened the link after it.
      const [oldest] = others;
      const kept = await flow.callback({ code: CODE, state: oldest.state, browserBinding: oldest.binding });
      assert.deepEqual(page(kept, oldest.state), { status: 200, title: 'You are signed in' });
      assert.deepEqual(kept.signedIn, { user: ALICE, pending: 'cmd' });
    });
  });

  for (const [label, other] of [
    ['another user', { ...ALICE, userId: 'e0e00000-0000-0000-0000-00000000000e' }],
    ['the same object id in another tenant', { ...ALICE, tenantId: 'ffffffff-0000-0000-0000-00000000000f' }],
  ] as const) {
    it(`refuses a sign-in as ${label}, keeping no token and the command waiting`, async () => {
      codes.redeemed = () => Promise.resolve({ token: hourToken('mallory'), user: other });
      const state = await started();
      const result = await flow.callback({ code: CODE, state, browserBinding: binding });
      assert.deepEqual(page(result, state), { status: 403, title: 'Signed in with another account' });
      assert.equal(result.signedIn, undefined);
      assert.equal(service.tokenFor(ALICE), undefined);
      assert.equal(service.tokenFor(other), undefined);
      assert.equal(service.takeLatest(ALICE), 'cmd');
    });
  }

  it('accepts the same user written in another case', async () => {
    const upper = { tenantId: ALICE.tenantId.toUpperCase(), userId: ALICE.userId.toUpperCase() };
    codes.redeemed = () => Promise.resolve({ token: hourToken('consented'), user: upper });
    const state = await started();
    assert.equal(page(await flow.callback({ code: CODE, state, browserBinding: binding }), state).status, 200);
    assert.equal(await service.tokenFor(ALICE)?.(), 'consented');
  });

  it('shows the declined page when the user (using up the state) or Entra ID says no consent, and 502 for other failures', async () => {
    const state = await started();
    const declined = await flow.callback({ state, error: 'access_denied', browserBinding: binding });
    assert.deepEqual(page(declined, state), DECLINED);
    assert.deepEqual(page(await flow.callback({ code: CODE, state, browserBinding: binding }), state), EXPIRED);
    assert.equal(codes.redeems.length, 0);
    const failures: [Error, typeof UNAVAILABLE][] = [
      [new AppError('consent-required', 'AADSTS65001'), DECLINED],
      [new AppError('upstream-failure', 'AADSTS90033'), UNAVAILABLE],
      [new Error('boom'), UNAVAILABLE],
    ];
    for (const [thrown, shown] of failures) {
      codes.redeemed = () => Promise.reject(thrown);
      const again = await started();
      const result = await flow.callback({ code: CODE, state: again, browserBinding: binding });
      assert.deepEqual(page(result, again), shown);
      assert.equal(result.signedIn, undefined);
    }
    assert.equal(service.tokenFor(ALICE), undefined);
  });
});
