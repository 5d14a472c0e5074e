// buildMissingKbsCard (src/cards/missingKbsCard.ts), with sortWorstFirst: summary, entries, links, size budget and safety.
// Type, version and the French words of every variant: the samples in schema.test.ts and fixtures.test.ts.
import assert from 'node:assert/strict';
import { buildMissingKbsCard, CARD_BYTE_BUDGET, MAX_KBS_SHOWN } from '../../src/cards/missingKbsCard';
import { cardSize } from '../../src/cards/template';
import type { MissingKb } from '../../src/defender/types';
import { allStrings, allText, heading, texts } from '../support/cards';
import { fixture } from '../support/fixtures';
import { kb, many, result } from '../support/kbs';
import { entries, headerValue } from '../support/missingKbsCard';

const SEARCH = 'https://www.catalog.update.microsoft.com/Search.aspx?q=';
const more = (n: string, s = 's'): string => `…and ${n} more KB${s} affecting fewer devices, not shown here.`;

describe('buildMissingKbsCard', () => {
  // Its heading and the id in a TextRun: the missing-kbs-few sample (the demo's Edge starts with this KB).
  it("shows Defender's documented example: one entry with its catalog link, singular wording", () => {
    const example = fixture<{ value: MissingKb[] }>('defender/getmissingkbs-edge.json').value;
    const card = buildMissingKbsCard(result(example));
    assert.equal(card.fallbackText, '1 missing KB for microsoft-_-edge');
    assert.equal(headerValue(card, 'missing KB'), '1');
    assert.deepEqual(entries(card), [
      {
        kb: 'KB4540673',
        name: 'March 2020 Security Updates',
        products: 'edge',
        devices: '240 devices',
        cves: '14 CVEs',
        url: 'https://catalog.update.microsoft.com/v7/site/Search.aspx?q=KB4540673',
        devicesColor: 'Attention',
      },
    ]);
  });

  it('sums up: KB count, largest device count, CVEs in total, with thousands separators and plurals', () => {
    const card = buildMissingKbsCard(
      result([
        kb({ id: '1', machineMissedOn: 12_345, cveAddressed: 1_000 }),
        kb({ id: '2', machineMissedOn: 240, cveAddressed: 234 }),
      ]),
    );
    assert.equal(headerValue(card, 'missing KBs'), '2');
    assert.equal(headerValue(card, 'devices missing the most widespread KB'), '12,345');
    assert.equal(headerValue(card, 'CVEs addressed in total'), '1,234');
    assert.deepEqual([entries(card)[0].devices, entries(card)[0].cves], ['12,345 devices', '1,000 CVEs']);
    const [one, zero] = entries(
      buildMissingKbsCard(
        result([
          kb({ id: '1', machineMissedOn: 1, cveAddressed: 1 }),
          kb({ id: '2', machineMissedOn: 0, cveAddressed: 0 }),
        ]),
      ),
    );
    assert.deepEqual([one.devices, one.cves, zero.devices, zero.cves], ['1 device', '1 CVE', '0 devices', '0 CVEs']);
  });

  it('sorts worst first (devices, CVEs, KB number) and highlights entries with 80% of the worst device count', () => {
    const card = buildMissingKbsCard(
      result([
        kb({ id: '100', machineMissedOn: 5, cveAddressed: 50 }),
        kb({ id: '200', machineMissedOn: 10, cveAddressed: 1 }),
        kb({ id: '300', machineMissedOn: 10, cveAddressed: 9 }),
        kb({ id: '401', machineMissedOn: 8, cveAddressed: 1 }),
        kb({ id: '400', machineMissedOn: 8, cveAddressed: 1 }),
        kb({ id: '500', machineMissedOn: 0, cveAddressed: 99 }),
      ]),
    );
    assert.deepEqual(
      entries(card).map((e) => `${e.kb} ${String(e.devicesColor)}`),
      ['KB300 Attention', 'KB200 Attention', 'KB400 Attention', 'KB401 Attention', 'KB100 Default', 'KB500 Default'],
    );
    assert.equal(entries(buildMissingKbsCard(result([kb({ machineMissedOn: 0 })])))[0].devicesColor, 'Default');
  });

  it('joins up to six products, cuts long names and products, and never splits an emoji', () => {
    const products = (names: string[]): string =>
      entries(buildMissingKbsCard(result([kb({ productsNames: names })])))[0].products;
    assert.equal(products(['a', 'b', 'c', 'd', 'e', 'f']), 'a, b, c, d, e, f');
    assert.equal(products(['a', 'b', 'c', 'd', 'e', 'f', 'g']), 'a, b, c, d, e, f, …');
    const [long] = entries(
      buildMissingKbsCard(result([kb({ name: 'N'.repeat(500), productsNames: ['p'.repeat(500)] })])),
    );
    assert.equal(long.name.length, 160);
    assert.ok(long.name.endsWith('…') && long.products.length <= 160 && long.products.endsWith('…'));
    const json = JSON.stringify(buildMissingKbsCard(result([kb({ name: 'x'.repeat(158) + '🙂🙂' })])));
    assert.ok(!/\\ud83d(?!\\ude42)/i.test(json), 'no lone high surrogate');
    assert.ok(json.includes('x'.repeat(158) + '…'));
  });

  it('does not change the result it is given', () => {
    const kbs = Object.freeze([kb({ id: '1', machineMissedOn: 1 }), kb({ id: '2', machineMissedOn: 2 })]);
    const before = JSON.stringify(kbs);
    buildMissingKbsCard(result(kbs));
    assert.equal(JSON.stringify(kbs), before);
  });

  // A complete empty answer ("No missing security updates"), an incomplete one with KBs (the warning in the Warning
  // colour) and one with only unusable entries: the missing-kbs-none, -incomplete and -unreadable samples.
  it('does not claim nothing is missing when an empty answer may be incomplete, and warns', () => {
    const empty = buildMissingKbsCard(result([], { complete: false }));
    assert.equal(heading(empty), 'Missing security updates');
    assert.equal(headerValue(empty, 'missing KBs'), '0');
    assert.match(allText(empty), /may be incomplete/);
  });

  describe('catalog links', () => {
    const linkFor = (url: string | undefined, id = '4540673'): string =>
      entries(buildMissingKbsCard(result([kb({ id, url })])))[0].url;

    it('keeps Defender’s https links to the Update Catalog', () => {
      for (const url of [
        'https://catalog.update.microsoft.com/v7/site/Search.aspx?q=KB4540673',
        'https://www.catalog.update.microsoft.com/Search.aspx?q=KB4540673',
        'https://catalog.update.microsoft.com/v7/site/ScopedViewInline.aspx?updateid=0b8f1c9a-1234-4cde-9f00-aa11bb22cc33',
      ])
        assert.equal(linkFor(url), url);
    });

    it('normalises a catalog link written in upper case, and encodes the KB id in a search link', () => {
      const upper = 'HTTPS://Catalog.Update.Microsoft.COM/v7/site/Search.aspx?q=KB4540673';
      assert.equal(linkFor(upper), 'https://catalog.update.microsoft.com/v7/site/Search.aspx?q=KB4540673');
      assert.equal(linkFor(undefined, '12&x=1'), `${SEARCH}${encodeURIComponent('KB12&x=1')}`);
    });

    it('replaces any other link by a catalog search for the KB', () => {
      for (const url of [
        'javascript:alert(document.cookie)',
        'JavaScript:alert(1)',
        'http://catalog.update.microsoft.com/v7/site/Search.aspx?q=KB4540673',
        'https://evil.example/Search.aspx?q=KB4540673',
        'https://catalog.update.microsoft.com.evil.example/',
        'https://evil.example/?https://catalog.update.microsoft.com',
        'https://microsoft.com/',
        'data:text/html,<script>alert(1)</script>',
        'file:///etc/passwd',
        '//catalog.update.microsoft.com/v7/site/Search.aspx?q=KB4540673',
        'not a url',
        '',
        undefined,
      ]) {
        assert.equal(linkFor(url), `${SEARCH}KB4540673`, `link for ${String(url)}`);
      }
    });
  });

  describe('size', () => {
    it(`shows at most ${MAX_KBS_SHOWN} KBs, the worst, and counts the rest ("1 more KB" for one)`, () => {
      assert.equal(MAX_KBS_SHOWN, 15);
      const card = buildMissingKbsCard(result(many(10_000).reverse()));
      assert.deepEqual(
        entries(card).map((e) => e.kb),
        many(MAX_KBS_SHOWN).map((_, i) => `KB${5_000_000 + i}`),
      );
      assert.equal(headerValue(card, 'missing KBs'), '10,000');
      assert.ok(texts(card).includes(more('9,985')));
      const exact = buildMissingKbsCard(result(many(MAX_KBS_SHOWN)));
      assert.equal(entries(exact).length, MAX_KBS_SHOWN);
      assert.doesNotMatch(allText(exact), /…and/);
      assert.ok(texts(buildMissingKbsCard(result(many(MAX_KBS_SHOWN + 1)))).includes(more('1', '')));
    });

    for (const locale of ['en', 'fr'] as const) {
      it(`stays within ${CARD_BYTE_BUDGET} bytes for 10,000 KBs with long names (${locale}), counting what it left out`, () => {
        assert.equal(CARD_BYTE_BUDGET, 28 * 1024);
        const kbs = many(10_000, (i) => ({
          name: `Cumulative Security Update für Microsoft Edge ${'très long nom 🙂 '.repeat(40)} ${i}`,
          productsNames: Array.from({ length: 10 }, (_, p) => `produit-${p}-${'é'.repeat(60)}`),
          url: `https://catalog.update.microsoft.com/v7/site/Search.aspx?q=KB${5_000_000 + i}&pad=${'y'.repeat(3000)}`,
        }));
        const card = buildMissingKbsCard(result(kbs), locale);
        assert.ok(cardSize(card) <= CARD_BYTE_BUDGET, `card is ${cardSize(card)} bytes`);
        const shown = entries(card).length;
        assert.ok(shown > 0 && shown <= MAX_KBS_SHOWN, `${shown} entries shown`);
        if (locale === 'en') assert.ok(texts(card).includes(more((10_000 - shown).toLocaleString('en-US'))));
        else assert.equal(headerValue(card, 'KB manquants'), '10\u202f000');
      });
    }

    it('shows every KB when the budget is exactly the full card’s size, fewer when one byte less', () => {
      const r = result(many(10, () => ({ name: 'A fairly long update name '.repeat(6) })));
      const full = cardSize(buildMissingKbsCard(r));
      assert.equal(entries(buildMissingKbsCard(r, 'en', full)).length, 10);
      const smaller = buildMissingKbsCard(r, 'en', full - 1);
      const shown = entries(smaller).length;
      assert.ok(shown < 10 && cardSize(smaller) <= full - 1);
      assert.ok(texts(smaller).includes(more(String(10 - shown))));
    });

    it('still returns a card, with the summary and a count, when the budget is tiny', () => {
      for (const budget of [0, 1, 100]) {
        const card = buildMissingKbsCard(result(many(3)), 'en', budget);
        assert.deepEqual([card.type, entries(card).length, headerValue(card, 'missing KBs')], ['AdaptiveCard', 0, '3']);
        assert.ok(texts(card).includes(more('3')));
      }
    });
  });

  describe('templating and safety of Defender text', () => {
    it('leaves no ${...}, $data or $when behind, and shows ${...} in Defender text literally', () => {
      for (const card of [
        buildMissingKbsCard(result(many(60))),
        buildMissingKbsCard(result([])),
        buildMissingKbsCard(result([], { complete: false })),
        buildMissingKbsCard(result(many(3)), 'en', 1),
        buildMissingKbsCard(result([kb({ url: undefined, productsNames: [] })])),
      ]) {
        assert.doesNotMatch(JSON.stringify(card), /\$\{|"\$data"|"\$when"/);
      }
      for (const name of ['${secret}', '${$root.softwareId}', "${if(true, 'a', 'b')}", '${kbs[0].url}']) {
        const [entry] = entries(buildMissingKbsCard(result([kb({ name, productsNames: [name] })])));
        assert.deepEqual([entry.name, entry.products], [name, name]);
      }
    });

    it('strips control and format characters from names, products and ids; an all-control name is empty', () => {
      const card = buildMissingKbsCard(
        result([
          kb({
            id: '45\u000040673',
            name: 'Bad\u0000name\u0007with\u001bcontrols\u202eand\u200bformat\r\nnew\u0085line\u2028sep',
            productsNames: ['ed\u0008ge', 'win\u200fdows'],
          }),
        ]),
      );
      for (const value of allStrings(card)) assert.doesNotMatch(value, /[\p{Cc}\p{Cf}]/u);
      const [entry] = entries(card);
      assert.equal(entry.kb, 'KB45 40673');
      assert.match(entry.name, /^Bad name with controls and format new line/);
      assert.equal(entry.products, 'ed ge, win dows');
      const blank = buildMissingKbsCard(result([kb({ name: '\u0000\u0001\u0002' })]));
      assert.equal(entries(blank)[0].name, '');
      assert.ok(!JSON.stringify(blank).includes('${'));
    });
  });
});
