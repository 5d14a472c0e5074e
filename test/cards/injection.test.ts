// Every card builder (src/cards): text from outside (Defender's names, products, urls and KB ids; error
// bodies; Teams and Entra ID codes; what users type) cannot add links, mentions, markdown or actions.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { withRefresh, withUpdatedNote } from '../../src/cards/browse/cardActions';
import { buildChoiceCard, buildTopCard, withResolvedNote } from '../../src/cards/browse/softwareCards';
import { buildErrorCard, buildInvalidIdCard } from '../../src/cards/errorCard';
import { buildHelpCard } from '../../src/cards/helpCard';
import { buildMissingKbsCard } from '../../src/cards/missingKbsCard';
import { buildSignInCard } from '../../src/cards/signInCard';
import type { SignInReason } from '../../src/auth/types';
import { answeredWithAccessOf } from '../../src/cards/signInText';
import { DEMO_INVENTORY } from '../../src/defender/demo/inventory';
import { AppError } from '../../src/errors';
import { nodes, ofType } from '../support/cards';
import { ERROR_CODES } from '../support/errors';
import { kb, result } from '../support/kbs';

const RUNS = { seed: 0x636172, numRuns: 1000 } as const;

/** Markdown, HTML, mentions, links, templates and bidi tricks, alone or mixed with random text. */
const PAYLOADS = [
  '[click](https://evil.example)',
  '![img](https://evil.example/a.png)',
  '<at>Admin</at>',
  '&lt;at&gt;Admin&lt;/at&gt;',
  '<a href="https://evil.example">x</a>',
  '<script>alert(1)</script>',
  '**bold** _it_ `code` ~~s~~',
  '# Heading\n- item\n> quote',
  '{{DATE(2017-02-14T06:08:39Z, SHORT)}}',
  '${$root}',
  "${if(true, 'a', 'b')}",
  'javascript:alert(1)',
  'https://evil.example/phish',
  'mailto:a@evil.example',
  '\u202egnp.exe',
  '\r\n\r\n[x](y)',
];
const hostile: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...PAYLOADS),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc
    .array(fc.oneof(fc.constantFrom(...PAYLOADS), fc.string({ maxLength: 10 })), { maxLength: 5 })
    .map((p) => p.join('')),
);

/** Where arbitrary text is harmless: TextRuns (never markdown) and tooltips (plain attributes). */
const LITERAL_KEYS = new Set(['TextRun.text', 'tooltip']);
/** Characters that make markdown, HTML, mentions or (auto)links; none may reach any other string from outside. */
const SYNTAX = /[[\]<>*`{}#!|~@\r\n\u202a-\u202e\u2066-\u2069]|:\/\/|^\s*[-+>]\s/;
const CATALOG = /^https:\/\/(www\.)?catalog\.update\.microsoft\.com\//;

/** Every string of a card with where it is (`Type.key`, or just `key` for untyped nodes). */
function strings(card: unknown): { where: string; value: string }[] {
  return nodes(card).flatMap((node) =>
    Object.entries(node)
      .filter(([, value]) => typeof value === 'string')
      .map(([key, value]) => ({
        where: typeof node.type === 'string' ? `${node.type}.${key}` : key,
        value: value as string,
      })),
  );
}

/**
 * Strings of `card` that `benign` (the same builder with harmless input) lacks came from outside:
 * outside literal places they carry no syntax. Actions and links stay those of the benign card.
 */
function assertSafe(card: object, benign: object, label: string): void {
  const known = new Set(strings(benign).map((s) => s.value));
  for (const { where, value } of strings(card)) {
    // Links are checked as links (below and per builder), not as text.
    if (known.has(value) || LITERAL_KEYS.has(where) || where.endsWith('.tooltip') || where.endsWith('.url')) continue;
    assert.doesNotMatch(value, SYNTAX, `${label}: ${where} = ${JSON.stringify(value)}`);
  }
  const actions = (c: object): string[] =>
    nodes(c)
      .filter((n) => typeof n.type === 'string' && n.type.startsWith('Action.'))
      .map((n) => `${String(n.type)} ${JSON.stringify(n.data ?? null)}`);
  assert.deepEqual(actions(card), actions(benign), `${label}: the same actions`);
  for (const node of nodes(card)) {
    if (node.type === 'Action.OpenUrl' && !actions(benign).length) assert.fail(`${label}: a link appeared`);
    assert.ok(!('entities' in node), `${label}: no mention entities`);
  }
  const json = JSON.stringify(card);
  assert.ok(!/"\$(data|when)"/.test(json), `${label}: no template left`);
}

describe('card injection: outside text cannot add links, mentions, markdown or actions (fast-check)', function () {
  this.timeout(30_000);

  it('missing-KBs card: Defender names, products, KB ids and urls', () => {
    fc.assert(
      fc.property(hostile, hostile, hostile, hostile, (name, product, id, url) => {
        const card = buildMissingKbsCard(result([kb({ id, name, productsNames: [product, name], url }), kb()]));
        const benign = buildMissingKbsCard(result([kb({ id: '1', name: 'n', productsNames: ['p', 'n'] }), kb()]));
        assertSafe(card, benign, JSON.stringify({ name, product, id, url }));
        for (const node of nodes(card).filter((n) => n.type === 'Action.OpenUrl')) {
          assert.match(String(node.url), CATALOG, 'KB links go to the Update Catalog only');
        }
      }),
      RUNS,
    );
  });

  it('error cards, every code: the software id, correlation id and upstream code of an error', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ERROR_CODES),
        hostile,
        hostile,
        hostile,
        (code, softwareId, correlationId, upstreamCode) => {
          const card = buildErrorCard(
            new AppError(code, 'x', { softwareId, correlationId, upstreamCode, status: 500 }),
          );
          const benign = buildErrorCard(
            new AppError(code, 'x', { softwareId: 'a-_-b', correlationId: 'c', upstreamCode: 'u', status: 500 }),
          );
          assertSafe(card, benign, JSON.stringify({ code, softwareId, correlationId }));
        },
      ),
      RUNS,
    );
  });

  it('invalid-id and help cards: what the user typed', () => {
    fc.assert(
      fc.property(hostile, (typed) => {
        assertSafe(buildInvalidIdCard(typed, 'shape'), buildInvalidIdCard('x', 'shape'), JSON.stringify(typed));
        const help = buildHelpCard({ unknown: typed, inChannel: true });
        assertSafe(help, buildHelpCard({ unknown: 'x', inChannel: true }), JSON.stringify(typed));
      }),
      RUNS,
    );
  });

  it('sign-in cards: Teams failure codes, Entra ID codes and correlation ids', () => {
    const reasons: SignInReason[] = ['consent-required', 'sign-in-required', 'sso-failed', 'verify-failed', 'channel'];
    const urls = {
      signInUrl: 'https://bot.example.test/auth/start?flow=1',
      adminConsentUrl: 'https://login.example/t/adminconsent',
    };
    fc.assert(
      fc.property(
        fc.constantFrom(...reasons),
        hostile,
        hostile,
        hostile,
        (reason, failureCode, upstreamCode, correlationId) => {
          const card = buildSignInCard({ reason, ...urls, failureCode, upstreamCode, correlationId });
          const benign = buildSignInCard({ reason, ...urls, failureCode: 'f', upstreamCode: 'u', correlationId: 'c' });
          assertSafe(card, benign, JSON.stringify({ reason, failureCode, upstreamCode, correlationId }));
        },
      ),
      RUNS,
    );
  });

  it('browse cards (templates): software names and ids, queries and user names add no markdown, link or template', () => {
    fc.assert(
      fc.property(hostile, hostile, (name, typed) => {
        const software = { ...DEMO_INVENTORY[0], vendor: name, name, id: typed };
        const choice = buildChoiceCard(typed, [software, software], 'en');
        const refreshed = withRefresh(buildTopCard({ items: [software] }, 'en'), { kind: 'top', count: 1 }, 'en');
        assert.equal(withRefresh(refreshed, { kind: 'top', count: 1 }, 'en'), refreshed, 'one Refresh button');
        const top = withUpdatedNote(refreshed, 'en', new Date(0), name);
        for (const card of [choice, top, withResolvedNote(choice, typed, typed, 'en')]) {
          for (const block of ofType(card, 'TextBlock')) assert.doesNotMatch(String(block.text), SYNTAX);
          assert.doesNotMatch(JSON.stringify(card), /"\$(data|when)"/);
          assert.equal(ofType(card, 'Action.OpenUrl').length, 0);
        }
      }),
      RUNS,
    );
  });

  it('the attribution line above a shared answer (message text, which Teams renders as markdown): the user name', () => {
    fc.assert(
      fc.property(hostile, (name) => {
        assert.doesNotMatch(answeredWithAccessOf(name), SYNTAX, JSON.stringify(name));
      }),
      RUNS,
    );
  });

  it('the check can fail: markdown in a TextBlock or a FactSet is caught', () => {
    const benign = { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: 'x' }] };
    assert.throws(() =>
      assertSafe({ type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: '[a](https://e)' }] }, benign, 't'),
    );
    const facts = { type: 'AdaptiveCard', body: [{ type: 'FactSet', facts: [{ title: 't', value: '<at>x</at>' }] }] };
    assert.throws(() => assertSafe(facts, benign, 'f'));
    const link = { type: 'AdaptiveCard', body: [], actions: [{ type: 'Action.OpenUrl', url: 'https://e' }] };
    assert.throws(() => assertSafe(link, benign, 'a'));
  });
});
