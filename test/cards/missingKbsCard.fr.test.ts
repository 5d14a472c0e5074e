// buildMissingKbsCard (src/cards/missingKbsCard.ts) in French: labels, plurals and numbers of the fr catalogue.
import assert from 'node:assert/strict';
import { buildMissingKbsCard } from '../../src/cards/missingKbsCard';
import { allText } from '../support/cards';
import { kb, many, result } from '../support/kbs';
import { entries, headerValue, heading } from '../support/missingKbsCard';

/** Narrow no-break space: French thousands separator (Intl fr-FR). */
const NNBSP = '\u202f';

describe('buildMissingKbsCard in French', () => {
  it('has the French heading, header labels, fallback text and catalogue tooltip', () => {
    const card = buildMissingKbsCard(
      result([kb({ id: '1', machineMissedOn: 12_345, cveAddressed: 3 }), kb({ id: '2', machineMissedOn: 7 })]),
      'fr',
    );
    assert.equal(heading(card), 'Mises à jour de sécurité manquantes');
    assert.equal(headerValue(card, 'KB manquants'), '2');
    assert.equal(headerValue(card, 'appareils sans le KB le plus répandu'), `12${NNBSP}345`);
    assert.equal(headerValue(card, 'CVE corrigées au total'), '5');
    assert.equal(card.fallbackText, '2 KB manquants pour microsoft-_-edge');
    assert.match(JSON.stringify(card), /"tooltip":"Ouvrir dans le catalogue Microsoft Update"/);
    assert.doesNotMatch(allText(card), /missing|devices|Worst first/);
  });

  it('writes devices and CVEs per entry with French plurals (0 and 1 are singular)', () => {
    const [one, none] = entries(
      buildMissingKbsCard(
        result([
          kb({ id: '1', machineMissedOn: 1, cveAddressed: 1 }),
          kb({ id: '2', machineMissedOn: 0, cveAddressed: 0 }),
        ]),
        'fr',
      ),
    );
    assert.deepEqual([one.devices, one.cves], ['1 appareil', '1 CVE']);
    assert.deepEqual([none.devices, none.cves], ['0 appareil', '0 CVE']);
    const card = buildMissingKbsCard(result([kb()]), 'fr');
    assert.equal(headerValue(card, 'KB manquant'), '1');
  });

  it('counts the KBs not shown and the skipped entries in French', () => {
    const text = allText(buildMissingKbsCard(result(many(40), { skipped: 2, complete: false }), 'fr'));
    assert.match(text, /…et 25 autres KB touchant moins d’appareils, non affichés ici\./);
    assert.match(
      text,
      /Defender a aussi envoyé 2 entrées sans numéro ni nom de KB\u202f; elles ne sont pas affichées\./,
    );
    assert.match(text, /La réponse de Defender est peut-être incomplète\u00a0:/);
    const single = allText(buildMissingKbsCard(result([kb()], { skipped: 1 }), 'fr'));
    assert.match(single, /1 entrée sans numéro ni nom de KB\u202f; elle n’est pas affichée\./);
  });

  it('has the French "nothing missing" card', () => {
    const card = buildMissingKbsCard(result([]), 'fr');
    assert.equal(heading(card), 'Aucune mise à jour de sécurité manquante');
    assert.equal(card.fallbackText, 'Aucune mise à jour de sécurité manquante pour microsoft-_-edge.');
    assert.match(allText(card), /Defender ne signale aucun KB manquant pour ce logiciel/);
  });

  it('is the English card for English and by default', () => {
    const r = result([kb()]);
    assert.deepEqual(buildMissingKbsCard(r), buildMissingKbsCard(r, 'en'));
    assert.equal(heading(buildMissingKbsCard(r, 'en')), 'Missing security updates');
  });
});
