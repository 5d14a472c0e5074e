// buildErrorCard and buildInvalidIdCard (src/cards/errorCard.ts) in French: every code worded, facts and hints French.
import assert from 'node:assert/strict';
import { buildErrorCard, buildInvalidIdCard } from '../../src/cards/errorCard';
import { AppError, type ErrorCode, type ErrorDetails } from '../../src/errors';
import { allText, factsOf, type CardNode } from '../support/cards';
import { heading } from '../support/missingKbsCard';
import { ERROR_CODES } from '../support/errors';

const NBSP = '\u00a0';

function error(code: ErrorCode, details: ErrorDetails = {}): AppError {
  return new AppError(code, `RAW ${code}`, details);
}

describe('buildErrorCard in French', () => {
  it('words every code in French, with its own title and the same colour as in English', () => {
    const titles = new Set<string>();
    for (const code of ERROR_CODES) {
      const fr = buildErrorCard(error(code, { softwareId: 'contoso-_-app' }), 'fr');
      const en = buildErrorCard(error(code, { softwareId: 'contoso-_-app' }), 'en');
      assert.notEqual(heading(fr), heading(en), code);
      assert.equal(fr.fallbackText, heading(fr), code);
      assert.equal((fr.body as CardNode[])[0].color, (en.body as CardNode[])[0].color, code);
      assert.doesNotMatch(allText(fr), /\b(the|Try again|Ask your|Defender is)\b/, code);
      titles.add(heading(fr));
    }
    assert.equal(titles.size, ERROR_CODES.length, 'one title per code');
  });

  it('names the facts in French and keeps the values', () => {
    const card = buildErrorCard(
      error('not-found', { softwareId: 'contoso-_-nothing', status: 404, correlationId: 'abc-123' }),
      'fr',
    );
    assert.equal(heading(card), 'Logiciel introuvable');
    assert.deepEqual(factsOf(card), {
      'Identifiant du logiciel': 'contoso-_-nothing',
      'Statut Defender': '404',
      'ID de corrélation': 'abc-123',
    });
    assert.match(allText(card), /Defender ne connaît aucun logiciel dont l’identifiant est contoso-_-nothing\./);
  });

  it('says "ce logiciel" without an id and names the permission', () => {
    const text = allText(buildErrorCard(error('forbidden', { permission: 'Vulnerability.Read' }), 'fr'));
    assert.match(text, /l’autorisation Vulnerability\.Read/);
    assert.match(allText(buildErrorCard(error('bad-input'), 'fr')), /la requête pour ce logiciel\./);
  });

  it('tells how long to wait, in French', () => {
    const hint = (retryAfterSeconds?: number): string =>
      allText(buildErrorCard(error('throttled', { retryAfterSeconds }), 'fr'));
    assert.match(hint(30), /Réessayez dans 30 secondes\./);
    assert.match(hint(1), /Réessayez dans 1 seconde\./);
    assert.match(hint(121), new RegExp(`Réessayez dans 3${NBSP}minutes environ\\.`));
    assert.match(hint(undefined), /Réessayez dans une minute\./);
  });
});

describe('buildInvalidIdCard in French', () => {
  it('quotes the input in « guillemets » and gives the French reason and example', () => {
    const card = buildInvalidIdCard('../machines', 'dot-dot', 'fr');
    assert.equal(heading(card), 'Ce n’est pas un identifiant de logiciel valide');
    const text = allText(card);
    assert.ok(
      text.includes(
        `«${NBSP}../machines${NBSP}» ne peut pas être un identifiant de logiciel Defender${NBSP}: il contient «${NBSP}..${NBSP}».`,
      ),
      text,
    );
    assert.ok(text.includes(`Exemple${NBSP}: /missingkbs microsoft-_-edge`));
  });
});
