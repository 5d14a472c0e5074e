// src/cards/signInCard.ts and src/cards/signInText.ts: one card per reason, its actions and facts, hostile codes kept
// inert, and the sign-in words outside cards.
import assert from 'node:assert/strict';
import { buildSignInCard, type SignInCardInput } from '../../src/cards/signInCard';
import type { SignInReason } from '../../src/auth/types';
import { answeredWithAccessOf, oauthCardText, signedInSendAgain } from '../../src/cards/signInText';
import type { AdaptiveCard } from '../../src/cards/template';
import { factsOf, ofType, type CardNode } from '../support/cards';

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
  return { title: (card.body as CardNode[])[0], actions, facts: factsOf(card) };
}

/** The card for `reason` with both URLs. */
function card(reason: SignInReason, extra: Partial<SignInCardInput> = {}): AdaptiveCard {
  return buildSignInCard({ reason, signInUrl: SIGN_IN, adminConsentUrl: ADMIN, ...extra });
}

// Type, version and fully expanded templates: the sign-in samples (one per reason) in test/cards/schema.test.ts.
describe('buildSignInCard', () => {
  for (const reason of REASONS) {
    it(`'${reason}': a small card with its title, colour and buttons; no buttons or facts without URLs or codes`, () => {
      const built = card(reason, { failureCode: 'resourcematchfailed', correlationId: 'c-1' });
      const { title } = read(built);
      const colour = reason === 'consent-required' || reason === 'sign-in-required' ? 'Default' : 'Warning';
      assert.deepEqual([title.type, title.text, title.color], ['TextBlock', TITLES[reason], colour]);
      assert.equal(built.fallbackText, `${TITLES[reason]}: ${String(ofType(built, 'TextRun')[0].text)}`);
      const bytes = JSON.stringify(built).length;
      assert.ok(bytes < 4096, `${bytes} bytes`);
      const consent = reason === 'consent-required' ? { 'Grant admin consent': ADMIN } : {};
      assert.deepEqual(read(card(reason)).actions, { 'Sign in': SIGN_IN, ...consent });
      const bare = buildSignInCard({ reason });
      assert.deepEqual([read(bare).actions, ofType(bare, 'FactSet').length], [{}, 0]);
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

  it('keeps code characters only, at most 60: no control characters, spaces or markdown', () => {
    const { facts } = read(card('sso-failed', { failureCode: `bad\u0000code\u202e ${'x'.repeat(100)}` }));
    assert.match(facts['Teams code'], /^badcodex+$/);
    assert.equal(facts['Teams code'].length, 60);
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
