// buildHelpCard (src/cards/helpCard.ts) in French: commands listed in French, welcome, unknown echo, scope hints.
import assert from 'node:assert/strict';
import { buildHelpCard } from '../../src/cards/helpCard';
import { parseCommand } from '../../src/commands/parse';
import { allText, factsOf, ofType, type CardNode } from '../support/cards';
import { heading } from '../support/missingKbsCard';

const NBSP = '\u00a0';

describe('buildHelpCard in French', () => {
  it('lists the commands in French, and each one it names is understood by the parser', () => {
    const card = buildHelpCard({ locale: 'fr' });
    assert.equal(heading(card), `KB manquants${NBSP}: aide`);
    const listed = factsOf(card);
    assert.deepEqual(listed, {
      '/missingkbs id-du-logiciel': 'Les KB manquants, les plus critiques d’abord',
      '/missingkbs nom': 'Trouve le logiciel par son nom, par ex. edge ou «\u00a0Microsoft Edge\u00a0»',
      '/missingkbs top [nombre]': 'Les logiciels qui exposent le plus d’appareils',
      '/missingkbs watch id-du-logiciel': 'Des alertes ici quand de nouveaux KB manquent',
      '/missingkbs unwatch id-du-logiciel': 'Arrête ces alertes',
      '/missingkbs watching': 'Ce qui est surveillé ici, et les dernières vérifications',
      aide: 'Ce message',
    });
    assert.equal(parseCommand('/missingkbs watching').kind, 'watching');
    assert.deepEqual(parseCommand('aide'), { kind: 'help' });
    assert.deepEqual(parseCommand('/missingkbs microsoft-_-edge').kind, 'missingkbs');
  });

  it('lists as many commands as the English card, in the same order', () => {
    assert.equal(
      Object.keys(factsOf(buildHelpCard({ locale: 'fr' }))).length,
      Object.keys(factsOf(buildHelpCard())).length,
    );
  });

  it('greets in French, explains ids, and keeps the example command and its button data', () => {
    const card = buildHelpCard({ locale: 'fr', welcome: true });
    assert.equal(heading(card), 'Bonjour\u202f! Je trouve les mises à jour de sécurité manquantes');
    const text = allText(card);
    assert.ok(text.includes('Je vous indique les mises à jour de sécurité (KB)'));
    assert.ok(text.includes('editeur-_-produit'));
    assert.ok(text.includes('/missingkbs microsoft-_-edge'));
    assert.ok(text.includes('Vous ne voyez que ce que votre rôle Defender autorise.'));
    const [action] = card.actions as CardNode[];
    assert.equal(action.title, `Essayer${NBSP}: microsoft-_-edge`);
    assert.deepEqual(action.data, { command: '/missingkbs microsoft-_-edge' });
    assert.match(String(card.fallbackText), /^Bot KB manquants\u00a0: envoyez \/missingkbs/);
  });

  it('echoes unknown text between « guillemets » and asks for an @mention in a channel', () => {
    const card = buildHelpCard({ locale: 'fr', unknown: 'bonjour', inChannel: true });
    const runs = ofType(card, 'RichTextBlock')
      .map((block) => (block.inlines as CardNode[]).map((run) => String(run.text)).join(''))
      .find((line) => line.startsWith('Je n’ai pas compris'));
    assert.equal(runs, `Je n’ai pas compris «${NBSP}bonjour${NBSP}».`);
    assert.match(allText(card), /mentionnez-moi \(@\) avant la commande/);
    assert.doesNotMatch(allText(card), /I did not understand|@mention me/);
  });
});
