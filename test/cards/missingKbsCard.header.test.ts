// buildMissingKbsCard (src/cards/missingKbsCard.ts): heading, summary figures, the empty card and the warnings.
import assert from 'node:assert/strict';
import { buildMissingKbsCard } from '../../src/cards/missingKbsCard';
import { CARD_VERSION } from '../../src/cards/template';
import type { MissingKb } from '../../src/defender/types';
import { allText, ofType, texts } from '../support/cards';
import { fixture } from '../support/fixtures';
import { kb, result } from '../support/kbs';
import { entries, headerValue, heading } from '../support/missingKbsCard';

describe('buildMissingKbsCard', () => {
  describe("Defender's documented example", () => {
    const example = fixture<{ value: MissingKb[] }>('defender/getmissingkbs-edge.json').value;

    it('is an Adaptive Card 1.5 with the heading and the software id', () => {
      const card = buildMissingKbsCard(result(example));
      assert.equal(card.type, 'AdaptiveCard');
      assert.equal(card.version, '1.5');
      assert.equal(card.version, CARD_VERSION);
      assert.equal(heading(card), 'Missing security updates');
      const idRun = ofType(card, 'TextRun').find((run) => run.text === 'microsoft-_-edge');
      assert.ok(idRun, 'software id shown in a TextRun');
      assert.equal(card.fallbackText, '1 missing KB for microsoft-_-edge');
    });

    it('shows KB4540673 with its name, products, devices, CVEs and Defender’s catalog link', () => {
      const [entry, ...others] = entries(buildMissingKbsCard(result(example)));
      assert.equal(others.length, 0);
      assert.deepEqual(entry, {
        kb: 'KB4540673',
        name: 'March 2020 Security Updates',
        products: 'edge',
        devices: '240 devices',
        cves: '14 CVEs',
        url: 'https://catalog.update.microsoft.com/v7/site/Search.aspx?q=KB4540673',
        devicesColor: 'Attention',
      });
    });

    it('uses singular wording for one KB', () => {
      const card = buildMissingKbsCard(result(example));
      assert.equal(headerValue(card, 'missing KB'), '1');
      assert.ok(!texts(card).includes('missing KBs'));
    });
  });

  describe('summary', () => {
    it('shows the number of KBs, the largest device count and the sum of CVEs', () => {
      const card = buildMissingKbsCard(
        result([
          kb({ id: '1', machineMissedOn: 40, cveAddressed: 3 }),
          kb({ id: '2', machineMissedOn: 240, cveAddressed: 14 }),
          kb({ id: '3', machineMissedOn: 7, cveAddressed: 0 }),
        ]),
      );
      assert.equal(headerValue(card, 'missing KBs'), '3');
      assert.equal(headerValue(card, 'devices missing the most widespread KB'), '240');
      assert.equal(headerValue(card, 'CVEs addressed in total'), '17');
      assert.equal(card.fallbackText, '3 missing KBs for microsoft-_-edge');
    });

    it('formats large numbers with thousands separators', () => {
      const card = buildMissingKbsCard(
        result([kb({ id: '1', machineMissedOn: 12_345, cveAddressed: 1_000 }), kb({ id: '2', cveAddressed: 234 })]),
      );
      assert.equal(headerValue(card, 'devices missing the most widespread KB'), '12,345');
      assert.equal(headerValue(card, 'CVEs addressed in total'), '1,234');
      const [first] = entries(card);
      assert.equal(first.devices, '12,345 devices');
      assert.equal(first.cves, '1,000 CVEs');
    });

    it('uses singular wording for one device and one CVE', () => {
      const [entry] = entries(buildMissingKbsCard(result([kb({ machineMissedOn: 1, cveAddressed: 1 })])));
      assert.equal(entry.devices, '1 device');
      assert.equal(entry.cves, '1 CVE');
    });

    it('shows zero counts in plural', () => {
      const [entry] = entries(buildMissingKbsCard(result([kb({ machineMissedOn: 0, cveAddressed: 0 })])));
      assert.equal(entry.devices, '0 devices');
      assert.equal(entry.cves, '0 CVEs');
    });
  });

  describe('no KBs', () => {
    it('shows the "No missing security updates" card for a complete empty result', () => {
      const card = buildMissingKbsCard(result([]));
      assert.equal(card.type, 'AdaptiveCard');
      assert.equal(card.version, '1.5');
      assert.equal(heading(card), 'No missing security updates');
      assert.ok(texts(card).includes('microsoft-_-edge'));
      assert.equal(card.fallbackText, 'No missing security updates for microsoft-_-edge.');
      assert.equal(entries(card).length, 0);
      assert.doesNotMatch(allText(card), /incomplete/);
    });

    it('does not claim nothing is missing when the answer was incomplete', () => {
      const card = buildMissingKbsCard(result([], { complete: false }));
      assert.equal(heading(card), 'Missing security updates');
      assert.equal(headerValue(card, 'missing KBs'), '0');
      assert.match(allText(card), /may be incomplete/);
    });
  });

  describe('incomplete results', () => {
    it('warns when complete is false', () => {
      const card = buildMissingKbsCard(result([kb()], { complete: false, pages: 20 }));
      const warning = ofType(card, 'TextBlock').find((block) => /may be incomplete/.test(String(block.text)));
      assert.ok(warning, 'warning shown');
      assert.equal(warning.color, 'Warning');
    });

    it('does not warn when complete is true', () => {
      assert.doesNotMatch(allText(buildMissingKbsCard(result([kb()]))), /incomplete/);
    });
  });
});

describe('buildMissingKbsCard with unusable entries', () => {
  it('says how many entries were skipped', () => {
    const card = buildMissingKbsCard(result([kb()], { skipped: 2 }));
    assert.ok(texts(card).some((t) => t.includes('2 entries without a KB number or name')));
    assert.ok(!texts(buildMissingKbsCard(result([kb()]))).some((t) => t.includes('without a KB number')));
  });

  it('does not claim nothing is missing when every entry was unusable', () => {
    const card = buildMissingKbsCard(result([], { skipped: 1 }));
    assert.ok(!texts(card).some((t) => t.includes('No missing security updates')));
    assert.ok(texts(card).some((t) => t.includes('1 entry without a KB number or name; it is not shown')));
  });
});
