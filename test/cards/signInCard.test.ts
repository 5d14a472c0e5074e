// Unit tests for src/cards/signInCard.ts: one card per reason, its actions and facts, and hostile codes kept inert.
import assert from 'node:assert/strict';
import { buildSignInCard, type SignInCardInput } from '../../src/cards/signInCard';
import type { SignInReason } from '../../src/auth/types';
import type { AdaptiveCard } from '../../src/cards/template';
import { ofType, type CardNode } from '../support/cards';

const REASONS: readonly SignInReason[] = [
  'consent-required',
  'sign-in-required',
  'sso-failed',
  'verify-failed',
  'sign-in-slow',
];
const SIGN_IN = 'https://bot.contoso.com/auth/start?flow=abc';
const ADMIN = 'https://login.microsoftonline.com/t/adminconsent?client_id=a';

const TITLES: Record<SignInReason, string> = {
  'consent-required': 'Consent needed to read Defender for you',
  'sign-in-required': 'Please sign in',
  'sso-failed': 'Teams could not sign you in',
  'verify-failed': 'Sign-in did not finish',
  channel: 'Sign in once in a chat with me',
  'sign-in-slow': 'Signing you in is taking longer than usual',
};

/** The card's title block, its OpenUrl actions as title → url, and its facts as title → value. */
function read(card: AdaptiveCard): {
  title: CardNode;
  actions: Record<string, unknown>;
  facts: Record<string, string>;
} {
  const actions = Object.fromEntries(ofType(card, 'Action.OpenUrl').map((a) => [String(a.title), a.url]));
  const facts = Object.fromEntries(
    ofType(card, 'FactSet').flatMap((set) =>
      (set.facts as { title: string; value: string }[]).map((f) => [f.title, f.value]),
    ),
  );
  return { title: (card.body as CardNode[])[0], actions, facts };
}

/** The card for `reason` with both URLs. */
function card(reason: SignInReason, extra: Partial<SignInCardInput> = {}): AdaptiveCard {
  return buildSignInCard({ reason, signInUrl: SIGN_IN, adminConsentUrl: ADMIN, ...extra });
}

describe('buildSignInCard', () => {
  for (const reason of REASONS) {
    describe(`'${reason}'`, () => {
      it('is a small Adaptive Card 1.5 with its title, fully expanded', () => {
        const built = card(reason, { failureCode: 'resourcematchfailed', correlationId: 'c-1' });
        assert.equal(built.type, 'AdaptiveCard');
        assert.equal(built.version, '1.5');
        const { title } = read(built);
        assert.equal(title.type, 'TextBlock');
        assert.equal(title.text, TITLES[reason]);
        assert.equal(built.fallbackText, `${TITLES[reason]}: ${String(ofType(built, 'TextRun')[0].text)}`);
        const json = JSON.stringify(built);
        assert.ok(json.length < 4096, `${json.length} bytes`);
        assert.ok(!json.includes('${') && !json.includes('"$when"') && !json.includes('"$data"'));
      });

      it('has a Sign in button to the given URL, and the admin consent button only when consent is needed', () => {
        const { actions } = read(card(reason));
        assert.equal(actions['Sign in'], SIGN_IN);
        assert.equal(actions['Grant admin consent'], reason === 'consent-required' ? ADMIN : undefined);
        assert.equal(Object.keys(actions).length, reason === 'consent-required' ? 2 : 1);
      });

      it('has no button without URLs, and no facts without codes', () => {
        const built = buildSignInCard({ reason });
        assert.deepEqual(read(built).actions, {});
        assert.equal(ofType(built, 'FactSet').length, 0);
      });
    });
  }

  it('shows the Teams code, the Entra ID code and the correlation id as facts', () => {
    const { facts } = read(
      card('sso-failed', {
        failureCode: 'resourcematchfailed',
        upstreamCode: 'AADSTS65001',
        correlationId: 'c0ffee-1',
      }),
    );
    assert.deepEqual(facts, {
      'Teams code': 'resourcematchfailed',
      'Entra ID code': 'AADSTS65001',
      'Correlation id': 'c0ffee-1',
    });
  });

  it('gives admins a hint where there is one, and none for consent without an admin consent URL', () => {
    const hint = (built: AdaptiveCard): boolean => ofType(built, 'TextRun').some((r) => r.text === 'For admins: ');
    assert.ok(hint(card('consent-required')));
    assert.ok(hint(card('sso-failed')));
    assert.ok(!hint(card('sign-in-required')));
    assert.ok(!hint(buildSignInCard({ reason: 'consent-required', signInUrl: SIGN_IN })));
  });

  it('uses the default colour for sign-in and consent, Warning for failures', () => {
    for (const reason of REASONS) {
      const expected = reason === 'consent-required' || reason === 'sign-in-required' ? 'Default' : 'Warning';
      assert.equal(read(card(reason)).title.color, expected, reason);
    }
  });

  it('keeps code characters only, at most 60: no control characters, spaces or markdown', () => {
    const { facts } = read(card('sso-failed', { failureCode: `bad\u0000code\u202e ${'x'.repeat(100)}` }));
    assert.match(facts['Teams code'], /^badcodex+$/);
    assert.equal(facts['Teams code'].length, 60);
  });

  it('shows no markdown or link taken from the codes (Fact values are markdown)', () => {
    const hostile = [
      '[click](https://evil.example)',
      '**bold** _it_',
      '![img](https://evil.example/a.png)',
      '<at>x</at>',
    ];
    for (const text of hostile) {
      const built = card('sso-failed', { failureCode: text, upstreamCode: text, correlationId: text });
      for (const value of Object.values(read(built).facts)) {
        assert.doesNotMatch(value, /https?:\/\/|\*\*|\[|\(|<at>/, text);
      }
      assert.deepEqual(Object.values(read(built).actions), [SIGN_IN]);
    }
  });
});
