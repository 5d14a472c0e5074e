// src/cards/signInCard.ts and src/cards/signInText.ts: one card per reason, its actions and facts, hostile codes kept
// inert, and the sign-in words outside cards.
import assert from 'node:assert/strict';
import { buildSignInCard, type SignInCardInput } from '../../src/cards/signInCard';
import type { SignInReason } from '../../src/auth/types';
import { answeredWithAccessOf, consentPage, oauthCardText, signedInSendAgain } from '../../src/cards/signInText';
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
      it('is a small card with its title and buttons, fully expanded; no buttons or facts without URLs or codes', () => {
        const built = card(reason, { failureCode: 'resourcematchfailed', correlationId: 'c-1' });
        assert.notEqual(read(card(reason, { locale: 'fr' })).title.text, TITLES[reason]);
        assert.deepEqual([built.type, built.version], ['AdaptiveCard', '1.5']);
        const { title } = read(built);
        assert.deepEqual([title.type, title.text], ['TextBlock', TITLES[reason]]);
        assert.equal(built.fallbackText, `${TITLES[reason]}: ${String(ofType(built, 'TextRun')[0].text)}`);
        const json = JSON.stringify(built);
        assert.ok(json.length < 4096, `${json.length} bytes`);
        assert.doesNotMatch(json, /\$\{|"\$when"|"\$data"/);
        const consent = reason === 'consent-required' ? { 'Grant admin consent': ADMIN } : {};
        assert.deepEqual(read(card(reason)).actions, { 'Sign in': SIGN_IN, ...consent });
        const bare = buildSignInCard({ reason });
        assert.deepEqual([read(bare).actions, ofType(bare, 'FactSet').length], [{}, 0]);
      });
    });
  }

  it("'channel': asks to sign in once in a chat, with a button that opens one", () => {
    const chat = 'https://teams.microsoft.com/l/chat/0/0?users=28:x';
    for (const [locale, button] of [
      ['en', 'Open a chat with me'],
      ['fr', 'Ouvrir une conversation avec moi'],
    ] as const) {
      const built = buildSignInCard({ reason: 'channel', signInUrl: chat, locale });
      assert.deepEqual(read(built).actions, { [button]: chat });
    }
    assert.equal(read(buildSignInCard({ reason: 'channel' })).title.text, TITLES.channel);
  });

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

  it('has consent pages with the same HTTP statuses in French as in English', () => {
    for (const key of [
      'done',
      'doneSendAgain',
      'expired',
      'declined',
      'wrongUser',
      'otherBrowser',
      'unavailable',
      'failed',
    ] as const) {
      const [fr, en] = [consentPage(key, 'fr'), consentPage(key)];
      assert.deepEqual([fr.status, fr.locale], [en.status, 'fr'], key);
      assert.notEqual(fr.title, en.title, key);
    }
  });

  it('asks for the SSO token, says "send again" and whose access answered', () => {
    assert.equal(oauthCardText('fr').title, 'Se connecter');
    assert.equal(signedInSendAgain('fr'), 'Connexion réussie. Renvoyez votre commande.');
    assert.equal(
      answeredWithAccessOf('Megan Bowen', 'fr'),
      'Recherche effectuée avec l’accès Defender de Megan Bowen.',
    );
    assert.match(answeredWithAccessOf(undefined, 'fr'), /de la personne qui a posé la question\.$/);
  });
});
