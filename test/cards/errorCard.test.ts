// src/cards/errorCard.ts: buildErrorCard for every ErrorCode and buildInvalidIdCard.
import assert from 'node:assert/strict';
import { buildErrorCard, buildInvalidIdCard } from '../../src/cards/errorCard';
import type { AdaptiveCard } from '../../src/cards/template';
import { AppError, type ErrorCode, type ErrorDetails } from '../../src/errors';
import { allStrings, factsOf, ofType, type CardNode } from '../support/cards';
import { ERROR_CODES } from '../support/errors';

/** What an error card says, read from its parts. */
interface Shown {
  title: string;
  color: unknown;
  text: string;
  hint?: string;
  facts: Record<string, string>;
}

function read(card: AdaptiveCard): Shown {
  const body = card.body as CardNode[];
  assert.equal(body[0].type, 'TextBlock');
  const runs = body.filter((element) => element.type === 'RichTextBlock').map((block) => block.inlines as CardNode[]);
  assert.ok(runs.length === 1 || runs.length === 2, 'text, then an optional hint');
  return {
    title: String(body[0].text),
    color: body[0].color,
    text: runs[0].map((run) => String(run.text)).join(''),
    hint: runs[1]?.map((run) => String(run.text)).join(''),
    facts: factsOf(card),
  };
}

function error(code: ErrorCode, details: ErrorDetails = {}, message = `RAW ${code} message from upstream`): AppError {
  return new AppError(code, message, details);
}

const ALL_DETAILS = {
  softwareId: 'microsoft-_-edge',
  status: 503,
  correlationId: '43f4cb08-8fac',
  retryAfterSeconds: 5,
};

// Each code's words and colour with all its facts: the error-* samples in test/cards/fixtures.test.ts.
describe('buildErrorCard', () => {
  for (const code of ERROR_CODES) {
    it(`'${code}': title, text and hint; facts only when known; never the raw message; fully expanded`, () => {
      const bare = buildErrorCard(error(code));
      const shown = read(bare);
      assert.ok(shown.title.length > 3 && shown.text.length > 10 && (shown.hint ?? '').length > 10);
      assert.equal(bare.fallbackText, shown.title);
      assert.deepEqual(shown.facts, {});
      assert.equal(ofType(bare, 'FactSet').length, 0, 'no empty FactSet');
      const err = error(code, { ...ALL_DETAILS, permission: 'X' }, 'SECRET-UPSTREAM-TEXT with details');
      const full = buildErrorCard(err);
      assert.deepEqual(read(full).facts, {
        'Software id': 'microsoft-_-edge',
        'Defender status': '503',
        'Correlation id': '43f4cb08-8fac',
      });
      const json = JSON.stringify(full) + JSON.stringify(bare);
      assert.doesNotMatch(json, /SECRET-UPSTREAM-TEXT|AppError|\$\{|"\$when"|"\$data"/);
      assert.ok(err.stack && !json.includes(err.stack.split('\n')[1].trim()));
    });
  }

  it('gives every code its own title, in English and in French (same colour)', () => {
    for (const locale of ['en', 'fr'] as const) {
      const titles = ERROR_CODES.map((code) => read(buildErrorCard(error(code), locale)).title);
      assert.equal(new Set(titles).size, ERROR_CODES.length, titles.join(' | '));
    }
    for (const code of ERROR_CODES)
      assert.equal(read(buildErrorCard(error(code), 'fr')).color, read(buildErrorCard(error(code))).color);
  });

  for (const [seconds, hint] of [
    [1, 'Try again in 1 second.'],
    [89, 'Try again in 89 seconds.'],
    [90, 'Try again in about 2 minutes.'],
    [120, 'Try again in about 2 minutes.'],
    [121, 'Try again in about 3 minutes.'],
    [undefined, 'Try again in a minute.'],
  ] as const) {
    it(`throttled with Retry-After ${String(seconds)}: "${hint}"`, () => {
      assert.equal(read(buildErrorCard(error('throttled', { retryAfterSeconds: seconds }))).hint, hint);
    });
  }

  // The id in the text and how ids look: the error-not-found and error-bad-input samples.
  it('says "this software" without an id, and names the permission needed (Software.Read unless told)', () => {
    assert.ok(read(buildErrorCard(error('not-found'))).text.includes('this software'));
    for (const code of ['unauthorized', 'forbidden'] as const) {
      assert.ok(read(buildErrorCard(error(code))).hint?.includes('Software.Read'), `${code} default`);
      assert.ok(
        read(buildErrorCard(error(code, { permission: 'Vulnerability.Read' }))).hint?.includes('Vulnerability.Read'),
      );
    }
  });

  it('strips control characters from ids, cuts long ones, and keeps id characters only in facts', () => {
    const card = buildErrorCard(
      error('not-found', { softwareId: 'a\u0000b\u202e-_-c', correlationId: 'id\u0007\u200b-1\n2' }),
    );
    for (const value of allStrings(card)) assert.doesNotMatch(value, /[\p{Cc}\p{Cf}]/u);
    assert.deepEqual(read(card).facts, { 'Software id': 'ab-_-c', 'Correlation id': 'id-12' });
    const long = read(
      buildErrorCard(error('forbidden', { softwareId: 's'.repeat(1000), correlationId: 'c'.repeat(1000) })),
    );
    assert.deepEqual([long.facts['Software id'].length, long.facts['Correlation id'].length], [200, 100]);
    const templated = read(buildErrorCard(error('not-found', { softwareId: '${title}', correlationId: '${hint}' })));
    assert.deepEqual(templated.facts, { 'Software id': 'title', 'Correlation id': 'hint' });
  });
});

// What it says and its French title: the invalid-id and invalid-id-fr samples.
describe('buildInvalidIdCard', () => {
  it('shows the input only in a TextRun, literally, cut to 100 characters and without control characters', () => {
    const card = buildInvalidIdCard(`[click](https://evil.example)\u0000<at>x</at>${'z'.repeat(300)}`, 'too-long');
    for (const block of ofType(card, 'TextBlock')) assert.ok(!String(block.text).includes('evil.example'));
    const quoted = /^"(.*)" cannot be/.exec(read(card).text)?.[1];
    assert.equal(quoted?.length, 100);
    assert.ok(quoted.startsWith('[click](https://evil.example) <at>x</at>'));
    for (const value of allStrings(card)) assert.doesNotMatch(value, /\p{Cc}/u);
    assert.ok(read(buildInvalidIdCard('${title}', 'shape')).text.startsWith('"${title}"'));
  });
});
