// buildSignInCard (src/cards/signInCard.ts) and the words of src/cards/signInText.ts in French.
import assert from 'node:assert/strict';
import { buildSignInCard } from '../../src/cards/signInCard';
import type { SignInReason } from '../../src/auth/types';
import { answeredWithAccessOf, consentPage, oauthCardText, signedInSendAgain } from '../../src/cards/signInText';
import { allText, ofType, type CardNode } from '../support/cards';
import { heading } from '../support/missingKbsCard';

const NBSP = '\u00a0';
const REASONS: SignInReason[] = ['consent-required', 'sign-in-required', 'sso-failed', 'verify-failed', 'channel'];
const SIGN_IN = 'https://bot.contoso.com/auth/start?flow=abc';
const ADMIN = 'https://login.microsoftonline.com/t/adminconsent?client_id=c';

describe('buildSignInCard in French', () => {
  it('words every reason in French, with the same colour and buttons as in English', () => {
    for (const reason of REASONS) {
      const input = { reason, signInUrl: SIGN_IN, adminConsentUrl: ADMIN };
      const fr = buildSignInCard({ ...input, locale: 'fr' });
      const en = buildSignInCard(input);
      assert.notEqual(heading(fr), heading(en), reason);
      assert.equal((fr.body as CardNode[])[0].color, (en.body as CardNode[])[0].color, reason);
      assert.equal(ofType(fr, 'Action.OpenUrl').length, ofType(en, 'Action.OpenUrl').length, reason);
      assert.ok(String(fr.fallbackText).startsWith(`${heading(fr)}${NBSP}: `), reason);
    }
  });

  it('has French buttons, admin hint and facts on the consent card', () => {
    const card = buildSignInCard({
      reason: 'consent-required',
      signInUrl: SIGN_IN,
      adminConsentUrl: ADMIN,
      upstreamCode: 'AADSTS65001',
      correlationId: 'abc-123',
      locale: 'fr',
    });
    assert.deepEqual(
      ofType(card, 'Action.OpenUrl').map((a) => [a.title, a.url]),
      [
        ['Se connecter', SIGN_IN],
        ['Accorder le consentement administrateur', ADMIN],
      ],
    );
    const text = allText(card);
    assert.ok(text.includes(`Pour les administrateurs${NBSP}: `));
    assert.ok(text.includes('Code Entra ID') && text.includes('ID de corrélation'));
    assert.ok(text.includes(`«${NBSP}Read Threat and Vulnerability Management Software information${NBSP}»`));
  });

  it('offers to open a chat in French from a channel', () => {
    const card = buildSignInCard({
      reason: 'channel',
      signInUrl: 'https://teams.microsoft.com/l/chat/0/0?users=28:x',
      locale: 'fr',
    });
    assert.equal(heading(card), 'Connectez-vous une fois dans une conversation avec moi');
    assert.equal(ofType(card, 'Action.OpenUrl')[0].title, 'Ouvrir une conversation avec moi');
  });
});

describe('sign-in words in French', () => {
  it('has French consent pages with the same HTTP statuses as the English ones', () => {
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
      const fr = consentPage(key, 'fr');
      const en = consentPage(key);
      assert.equal(fr.status, en.status, key);
      assert.equal(fr.locale, 'fr');
      assert.notEqual(fr.title, en.title, key);
    }
    assert.equal(consentPage('expired', 'fr').title, 'Ce lien de connexion a expiré');
  });

  it('asks for the SSO token, says "send again" and whose access answered, in French', () => {
    assert.deepEqual(oauthCardText('fr').title, 'Se connecter');
    assert.equal(signedInSendAgain('fr'), 'Connexion réussie. Renvoyez votre commande.');
    assert.equal(
      answeredWithAccessOf('Megan Bowen', 'fr'),
      'Recherche effectuée avec l’accès Defender de Megan Bowen.',
    );
    assert.equal(
      answeredWithAccessOf(undefined, 'fr'),
      'Recherche effectuée avec l’accès Defender de la personne qui a posé la question.',
    );
  });
});
