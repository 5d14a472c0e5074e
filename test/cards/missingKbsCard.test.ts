// Unit tests for src/cards/missingKbsCard.ts: buildMissingKbsCard (summary, order, links, size budget, safety) and sortWorstFirst.
import assert from 'node:assert/strict';
import { buildMissingKbsCard, CARD_BYTE_BUDGET, MAX_KBS_SHOWN, sortWorstFirst } from '../../src/cards/missingKbsCard';
import { CARD_VERSION, type AdaptiveCard } from '../../src/cards/template';
import type { MissingKb, MissingKbsResult } from '../../src/defender/types';
import { allText, nodes, ofType, texts, type CardNode } from '../support/cards';
import { fixture } from '../support/fixtures';

/** Every string value in a card, with the key it sits under. */
function strings(card: unknown): { key: string; value: string }[] {
  const out: { key: string; value: string }[] = [];
  for (const node of nodes(card)) {
    for (const [key, value] of Object.entries(node)) if (typeof value === 'string') out.push({ key, value });
  }
  return out;
}

/** The body's elements outside the KB entries. */
function body(card: AdaptiveCard): CardNode[] {
  return card.body as CardNode[];
}

/** One shown KB entry, read from its Container. */
interface Entry {
  kb: string;
  name: string;
  products: string;
  devices: string;
  cves: string;
  url: string;
  devicesColor: unknown;
}

function entries(card: AdaptiveCard): Entry[] {
  return body(card)
    .filter((element) => element.type === 'Container')
    .map((container) => {
      const [kb, name, products, devices, cves, ...rest] = texts(container);
      assert.deepEqual(rest, [], 'an entry shows five texts');
      const links = ofType(container, 'Action.OpenUrl');
      assert.equal(links.length, 1, 'an entry has one link');
      const devicesBlock = ofType(container, 'TextBlock').find((block) => block.text === devices);
      return { kb, name, products, devices, cves, url: String(links[0].url), devicesColor: devicesBlock?.color };
    });
}

/** The header figure shown just above `label`. */
function headerValue(card: AdaptiveCard, label: string): string {
  const header = body(card).find((element) => element.type === 'ColumnSet');
  assert.ok(header, 'card has the summary ColumnSet');
  const shown = texts(header);
  const index = shown.indexOf(label);
  assert.ok(index > 0, `header shows "${label}"`);
  return shown[index - 1];
}

function heading(card: AdaptiveCard): string {
  return String(body(card)[0].text);
}

function kb(overrides: Partial<MissingKb> = {}): MissingKb {
  return {
    id: '5000001',
    name: 'Security Update',
    productsNames: ['edge'],
    url: 'https://catalog.update.microsoft.com/v7/site/Search.aspx?q=KB5000001',
    machineMissedOn: 10,
    cveAddressed: 2,
    ...overrides,
  };
}

function result(kbs: readonly MissingKb[], overrides: Partial<MissingKbsResult> = {}): MissingKbsResult {
  return { softwareId: 'microsoft-_-edge', kbs, skipped: 0, pages: 1, complete: true, ...overrides };
}

function many(count: number, make: (i: number) => Partial<MissingKb> = () => ({})): MissingKb[] {
  return Array.from({ length: count }, (_, i) =>
    kb({ id: String(5_000_000 + i), machineMissedOn: count - i, cveAddressed: i % 7, ...make(i) }),
  );
}

function size(card: object): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}

const SEARCH = 'https://www.catalog.update.microsoft.com/Search.aspx?q=';

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

  describe('entries', () => {
    it('sorts worst first: most devices, then most CVEs, then KB number', () => {
      const card = buildMissingKbsCard(
        result([
          kb({ id: '100', machineMissedOn: 5, cveAddressed: 50 }),
          kb({ id: '200', machineMissedOn: 10, cveAddressed: 1 }),
          kb({ id: '300', machineMissedOn: 10, cveAddressed: 9 }),
          kb({ id: '401', machineMissedOn: 1, cveAddressed: 1 }),
          kb({ id: '400', machineMissedOn: 1, cveAddressed: 1 }),
          kb({ id: '500', machineMissedOn: 0, cveAddressed: 99 }),
        ]),
      );
      assert.deepEqual(
        entries(card).map((e) => e.kb),
        ['KB300', 'KB200', 'KB100', 'KB400', 'KB401', 'KB500'],
      );
    });

    it('highlights only the entries with at least 80% of the largest device count', () => {
      const card = buildMissingKbsCard(
        result([
          kb({ id: '1', machineMissedOn: 100 }),
          kb({ id: '2', machineMissedOn: 80 }),
          kb({ id: '3', machineMissedOn: 79 }),
        ]),
      );
      assert.deepEqual(
        entries(card).map((e) => e.devicesColor),
        ['Attention', 'Attention', 'Default'],
      );
      const none = buildMissingKbsCard(result([kb({ machineMissedOn: 0 })]));
      assert.equal(entries(none)[0].devicesColor, 'Default');
    });

    it('joins products with commas, up to six', () => {
      const six = buildMissingKbsCard(result([kb({ productsNames: ['a', 'b', 'c', 'd', 'e', 'f'] })]));
      assert.equal(entries(six)[0].products, 'a, b, c, d, e, f');
      const seven = buildMissingKbsCard(result([kb({ productsNames: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] })]));
      assert.equal(entries(seven)[0].products, 'a, b, c, d, e, f, …');
    });

    it('cuts long names and products with an ellipsis', () => {
      const card = buildMissingKbsCard(result([kb({ name: 'N'.repeat(500), productsNames: ['p'.repeat(500)] })]));
      const [entry] = entries(card);
      assert.equal(entry.name.length, 160);
      assert.ok(entry.name.endsWith('…'));
      assert.ok(entry.products.length <= 160);
      assert.ok(entry.products.endsWith('…'));
    });

    it('does not change the result it is given', () => {
      const kbs = Object.freeze([kb({ id: '1', machineMissedOn: 1 }), kb({ id: '2', machineMissedOn: 2 })]);
      const before = JSON.stringify(kbs);
      buildMissingKbsCard(result(kbs));
      assert.equal(JSON.stringify(kbs), before);
    });
  });

  describe('catalog links', () => {
    const linkFor = (url: string | undefined, id = '4540673'): string =>
      entries(buildMissingKbsCard(result([kb({ id, url })])))[0].url;

    it('keeps Defender’s https link to the Update Catalog', () => {
      for (const url of [
        'https://catalog.update.microsoft.com/v7/site/Search.aspx?q=KB4540673',
        'https://www.catalog.update.microsoft.com/Search.aspx?q=KB4540673',
        'https://catalog.update.microsoft.com/v7/site/ScopedViewInline.aspx?updateid=0b8f1c9a-1234-4cde-9f00-aa11bb22cc33',
      ]) {
        assert.equal(linkFor(url), url);
      }
    });

    it('keeps a catalog link written in upper case, normalised', () => {
      assert.equal(
        linkFor('HTTPS://Catalog.Update.Microsoft.COM/v7/site/Search.aspx?q=KB4540673'),
        'https://catalog.update.microsoft.com/v7/site/Search.aspx?q=KB4540673',
      );
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

    it('encodes the KB id in the search link', () => {
      assert.equal(linkFor(undefined, '12&x=1'), `${SEARCH}${encodeURIComponent('KB12&x=1')}`);
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

  describe('size', () => {
    it(`shows at most ${MAX_KBS_SHOWN} KBs and counts the rest`, () => {
      assert.equal(MAX_KBS_SHOWN, 15);
      const card = buildMissingKbsCard(result(many(10_000)));
      assert.equal(entries(card).length, MAX_KBS_SHOWN);
      assert.equal(headerValue(card, 'missing KBs'), '10,000');
      assert.ok(texts(card).includes('…and 9,985 more KBs affecting fewer devices, not shown here.'));
      assert.ok(size(card) <= CARD_BYTE_BUDGET);
    });

    it(`shows all of exactly ${MAX_KBS_SHOWN} KBs with no "more" text, and says "1 more KB" for one more`, () => {
      const exact = buildMissingKbsCard(result(many(MAX_KBS_SHOWN)));
      assert.equal(entries(exact).length, MAX_KBS_SHOWN);
      assert.doesNotMatch(allText(exact), /…and/);
      const one = buildMissingKbsCard(result(many(MAX_KBS_SHOWN + 1)));
      assert.equal(entries(one).length, MAX_KBS_SHOWN);
      assert.ok(texts(one).includes('…and 1 more KB affecting fewer devices, not shown here.'));
    });

    it('keeps the worst KBs when it leaves some out', () => {
      const kbs = many(100).reverse();
      const shown = entries(buildMissingKbsCard(result(kbs))).map((e) => e.kb);
      assert.deepEqual(
        shown,
        many(MAX_KBS_SHOWN).map((_, i) => `KB${5_000_000 + i}`),
      );
    });

    it(`stays within ${CARD_BYTE_BUDGET} bytes for 10,000 KBs with long names, and counts what it left out`, () => {
      assert.equal(CARD_BYTE_BUDGET, 28 * 1024);
      const kbs = many(10_000, (i) => ({
        name: `Cumulative Security Update for Microsoft Edge (Chromium-based) ${'très long nom 🙂 '.repeat(40)} ${i}`,
        productsNames: Array.from({ length: 10 }, (_, p) => `product-${p}-${'x'.repeat(60)}`),
        url: `https://catalog.update.microsoft.com/v7/site/Search.aspx?q=KB${5_000_000 + i}&pad=${'y'.repeat(3000)}`,
      }));
      const card = buildMissingKbsCard(result(kbs));
      assert.ok(size(card) <= CARD_BYTE_BUDGET, `card is ${size(card)} bytes`);
      const shown = entries(card).length;
      assert.ok(shown > 0 && shown <= MAX_KBS_SHOWN, `${shown} entries shown`);
      const more = (10_000 - shown).toLocaleString('en-US');
      assert.ok(texts(card).includes(`…and ${more} more KBs affecting fewer devices, not shown here.`));
      assert.equal(headerValue(card, 'missing KBs'), '10,000');
    });

    it('shows every KB when the budget is exactly the full card’s size, fewer when one byte less', () => {
      const r = result(many(10, () => ({ name: 'A fairly long update name '.repeat(6) })));
      const full = size(buildMissingKbsCard(r));
      assert.equal(entries(buildMissingKbsCard(r, full)).length, 10);
      const smaller = buildMissingKbsCard(r, full - 1);
      const shown = entries(smaller).length;
      assert.ok(shown < 10);
      assert.ok(size(smaller) <= full - 1);
      assert.ok(texts(smaller).includes(`…and ${10 - shown} more KBs affecting fewer devices, not shown here.`));
    });

    it('still returns a card, with the summary and a count, when the budget is tiny', () => {
      for (const budget of [0, 1, 100]) {
        const card = buildMissingKbsCard(result(many(3)), budget);
        assert.equal(card.type, 'AdaptiveCard');
        assert.equal(card.version, '1.5');
        assert.equal(entries(card).length, 0);
        assert.equal(headerValue(card, 'missing KBs'), '3');
        assert.ok(texts(card).includes('…and 3 more KBs affecting fewer devices, not shown here.'));
      }
    });

    it('builds the 10,000-KB card quickly', () => {
      const kbs = many(10_000);
      const started = Date.now();
      buildMissingKbsCard(result(kbs));
      assert.ok(Date.now() - started < 1000);
    });
  });

  describe('templating', () => {
    const cards = (): [string, AdaptiveCard][] => [
      ['one KB', buildMissingKbsCard(result([kb()]))],
      ['many KBs', buildMissingKbsCard(result(many(60)))],
      ['empty', buildMissingKbsCard(result([]))],
      ['incomplete', buildMissingKbsCard(result([kb()], { complete: false }))],
      ['incomplete empty', buildMissingKbsCard(result([], { complete: false }))],
      ['tiny budget', buildMissingKbsCard(result(many(3)), 1)],
      ['no url, no products', buildMissingKbsCard(result([kb({ url: undefined, productsNames: [] })]))],
    ];

    it('leaves no ${...} unexpanded and no $data or $when behind', () => {
      for (const [label, card] of cards()) {
        const json = JSON.stringify(card);
        assert.ok(!json.includes('${'), `${label}: no \${`);
        assert.ok(!json.includes('"$data"'), `${label}: no $data`);
        assert.ok(!json.includes('"$when"'), `${label}: no $when`);
      }
    });

    it('is always version 1.5 of type AdaptiveCard', () => {
      for (const [label, card] of cards()) {
        assert.equal(card.type, 'AdaptiveCard', label);
        assert.equal(card.version, '1.5', label);
      }
    });

    it('shows a name containing ${secret} literally, without evaluating it', () => {
      for (const name of ['${secret}', '${$root.softwareId}', "${if(true, 'a', 'b')}", '${kbs[0].url}']) {
        const card = buildMissingKbsCard(result([kb({ name, productsNames: [name] })]));
        const [entry] = entries(card);
        assert.equal(entry.name, name);
        assert.equal(entry.products, name);
      }
    });
  });

  describe('safety of Defender text', () => {
    const hostile = [
      '[click](https://evil.example)',
      '<at>x</at>',
      '**bold** _it_ `code`',
      '<script>alert(1)</script>',
      '![img](https://evil.example/a.png)',
      '{{DATE(2017-02-14T06:08:39Z, SHORT)}}',
    ];

    it('shows names and products only in TextRuns, never in a TextBlock', () => {
      const card = buildMissingKbsCard(
        result(hostile.map((name, i) => kb({ id: String(i + 1), name, productsNames: [name], machineMissedOn: i }))),
      );
      for (const block of ofType(card, 'TextBlock')) {
        for (const bad of ['evil.example', '<at>', '**bold**', '<script>', '{{DATE']) {
          assert.ok(!String(block.text).includes(bad), `TextBlock "${String(block.text)}" shows ${bad}`);
        }
      }
      const runs = ofType(card, 'TextRun').map((run) => run.text);
      for (const name of hostile) assert.ok(runs.includes(name), `TextRun shows ${name}`);
      for (const fact of ofType(card, 'FactSet')) assert.doesNotMatch(JSON.stringify(fact), /evil|<at>/);
      for (const link of ofType(card, 'Action.OpenUrl')) assert.ok(String(link.url).startsWith('https://'));
    });

    it('strips control and format characters from names, products and ids', () => {
      const card = buildMissingKbsCard(
        result([
          kb({
            id: '45\u000040673',
            name: 'Bad\u0000name\u0007with\u001bcontrols\u202eand\u200bformat\r\nnew\u0085line\u2028sep',
            productsNames: ['ed\u0008ge', 'win\u200fdows'],
          }),
        ]),
      );
      for (const { key, value } of strings(card)) {
        assert.doesNotMatch(value, /[\p{Cc}\p{Cf}]/u, `${key}: ${JSON.stringify(value)}`);
      }
      const [entry] = entries(card);
      assert.equal(entry.kb, 'KB45 40673');
      assert.match(entry.name, /^Bad name with controls and format new line/);
      assert.equal(entry.products, 'ed ge, win dows');
    });

    it('shows a name made only of control characters as empty text, not as a template expression', () => {
      const card = buildMissingKbsCard(result([kb({ name: '\u0000\u0001\u0002' })]));
      assert.equal(entries(card)[0].name, '');
      assert.ok(!JSON.stringify(card).includes('${'));
    });
  });
});

describe('sortWorstFirst', () => {
  it('orders by devices desc, then CVEs desc, then KB id, without changing its input', () => {
    const input = Object.freeze([
      kb({ id: 'b', machineMissedOn: 1, cveAddressed: 1 }),
      kb({ id: 'a', machineMissedOn: 1, cveAddressed: 1 }),
      kb({ id: 'c', machineMissedOn: 1, cveAddressed: 5 }),
      kb({ id: 'd', machineMissedOn: 9, cveAddressed: 0 }),
    ]);
    const sorted = sortWorstFirst(input);
    assert.deepEqual(
      sorted.map((k) => k.id),
      ['d', 'c', 'a', 'b'],
    );
    assert.deepEqual(
      input.map((k) => k.id),
      ['b', 'a', 'c', 'd'],
    );
    assert.notEqual(sorted, input);
  });

  it('gives an empty array for no KBs', () => {
    assert.deepEqual(sortWorstFirst([]), []);
  });
});

describe('buildMissingKbsCard text cutting', () => {
  it('never cuts an emoji in half when shortening a long name', () => {
    const kb: MissingKb = {
      id: '1',
      name: 'x'.repeat(158) + '🙂🙂',
      productsNames: [],
      machineMissedOn: 1,
      cveAddressed: 1,
    };
    const json = JSON.stringify(
      buildMissingKbsCard({ softwareId: 'a-_-b', kbs: [kb], skipped: 0, pages: 1, complete: true }),
    );
    assert.ok(!/\\ud83d(?!\\ude42)/i.test(json), 'no lone high surrogate');
    assert.ok(json.includes('x'.repeat(158) + '…'));
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
