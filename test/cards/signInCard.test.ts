// src/cards/signInCard.ts and src/cards/signInText.ts: the buttons each reason gets from its URLs, hostile codes kept
// inert, and the sign-in words outside cards.
import assert from 'node:assert/strict';
import { buildSignInCard, type SignInCardInput } from '../../src/cards/signInCard';
import type { SignInReason } from '../../src/auth/types';
import { answeredWithAccessOf, oauthCardText, signedInSendAgain } from '../../src/cards/signInText';
import type { AdaptiveCard } from '../../src/cards/template';
import { factsOf, ofType } from '../support/cards';

const REASONS: readonly SignInReason[] = [
  'consent-required',
  'sign-in-required',
  'sso-failed',
  'verify-failed',
  'sign-in-slow',
];
const SIGN_IN = 'https://bot.contoso.com/auth/start?flow=abc';
const ADMIN = 'https://login.microsoftonline.com/t/adminconsent?client_id=a';

/** The card's OpenUrl actions as title → url. */
function actions(card: AdaptiveCard): Record<string, unknown> {
  return Object.fromEntries(ofType(card, 'Action.OpenUrl').map((a) => [String(a.title), a.url]));
}

/** The card for `reason` with both URLs. */
function card(reason: SignInReason, extra: Partial<SignInCardInput> = {}): AdaptiveCard {
  return buildSignInCard({ reason, signInUrl: SIGN_IN, adminConsentUrl: ADMIN, ...extra });
}

// Each reason's title, colour, fallback text, admin hint and facts: the sign-in samples (one per reason) in
// test/cards/fixtures.test.ts; their type, version and fully expanded templates: schema.test.ts.
describe('buildSignInCard', () => {
  for (const reason of REASONS) {
    it(`'${reason}': a button for each URL given; no buttons or facts without URLs or codes`, () => {
      const consent = reason === 'consent-required' ? { 'Grant admin consent': ADMIN } : {};
      assert.deepEqual(actions(card(reason)), { 'Sign in': SIGN_IN, ...consent });
      const bare = buildSignInCard({ reason });
      assert.deepEqual([actions(bare), ofType(bare, 'FactSet').length], [{}, 0]);
    });
  }

  it('gives no admin hint for consent without an admin consent URL', () => {
    const runs = ofType(buildSignInCard({ reason: 'consent-required', signInUrl: SIGN_IN }), 'TextRun');
    assert.ok(!runs.some((run) => run.text === 'For admins: '));
  });

  it('keeps code characters only, at most 60: no control characters, spaces or markdown', () => {
    const facts = factsOf(card('sso-failed', { failureCode: `bad\u0000code\u202e ${'x'.repeat(100)}` }));
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
