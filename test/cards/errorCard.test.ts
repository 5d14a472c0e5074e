// Unit tests for src/cards/errorCard.ts: buildErrorCard for every ErrorCode and buildInvalidIdCard.
import assert from 'node:assert/strict';
import { buildErrorCard, buildInvalidIdCard } from '../../src/cards/errorCard';
import type { AdaptiveCard } from '../../src/cards/template';
import { AppError, type ErrorCode, type ErrorDetails } from '../../src/errors';
import { nodes, type CardNode } from '../support/cards';
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
  const titleBlock = body[0];
  assert.equal(titleBlock.type, 'TextBlock');
  const runs = body.filter((element) => element.type === 'RichTextBlock').map((block) => block.inlines as CardNode[]);
  assert.ok(runs.length === 1 || runs.length === 2, 'text, then an optional hint');
  const facts: Record<string, string> = {};
  for (const factSet of body.filter((element) => element.type === 'FactSet')) {
    for (const fact of factSet.facts as { title: string; value: string }[]) facts[fact.title] = fact.value;
  }
  return {
    title: String(titleBlock.text),
    color: titleBlock.color,
    text: runs[0].map((run) => String(run.text)).join(''),
    hint: runs[1]?.map((run) => String(run.text)).join(''),
    facts,
  };
}

function error(code: ErrorCode, details: ErrorDetails = {}, message = `RAW ${code} message from upstream`): AppError {
  return new AppError(code, message, details);
}

/** Every string value in a card. */
function allStrings(card: unknown): string[] {
  return nodes(card).flatMap((node) => Object.values(node).filter((v): v is string => typeof v === 'string'));
}

describe('buildErrorCard', () => {
  for (const code of ERROR_CODES) {
    describe(`'${code}'`, () => {
      it('has a title, a text and a hint, as an Adaptive Card 1.5', () => {
        const card = buildErrorCard(error(code));
        assert.equal(card.type, 'AdaptiveCard');
        assert.equal(card.version, '1.5');
        const shown = read(card);
        assert.ok(shown.title.length > 3, 'title');
        assert.ok(shown.text.length > 10, 'text');
        assert.ok(shown.hint && shown.hint.length > 10, 'hint');
        assert.equal(card.fallbackText, shown.title);
        assert.ok(['Attention', 'Warning'].includes(String(shown.color)));
      });

      it('never shows the error message, name or stack', () => {
        const err = error(code, { softwareId: 'microsoft-_-edge' }, 'SECRET-UPSTREAM-TEXT with details');
        const json = JSON.stringify(buildErrorCard(err));
        assert.ok(!json.includes('SECRET-UPSTREAM-TEXT'));
        assert.ok(!json.includes('AppError'));
        assert.ok(err.stack && !json.includes(err.stack.split('\n')[1].trim()));
      });

      it('leaves no ${...} unexpanded, with or without details', () => {
        for (const details of [
          {},
          { softwareId: 'microsoft-_-edge', status: 500, correlationId: 'abc', retryAfterSeconds: 5, permission: 'X' },
        ]) {
          const json = JSON.stringify(buildErrorCard(error(code, details)));
          assert.ok(!json.includes('${'), json);
          assert.ok(!json.includes('"$when"'));
          assert.ok(!json.includes('"$data"'));
        }
      });

      it('shows the software id in a fact when known, and no facts when nothing is known', () => {
        const withId = read(buildErrorCard(error(code, { softwareId: 'microsoft-_-edge' })));
        assert.equal(withId.facts['Software id'], 'microsoft-_-edge');
        const bare = buildErrorCard(error(code));
        assert.deepEqual(read(bare).facts, {});
        assert.equal(nodes(bare).filter((node) => node.type === 'FactSet').length, 0, 'no empty FactSet');
      });

      it('shows the correlation id and the Defender status when set', () => {
        const shown = read(
          buildErrorCard(error(code, { status: 503, correlationId: '43f4cb08-8fac-4b65-9db1-745c2ae65f3a' })),
        );
        assert.equal(shown.facts['Correlation id'], '43f4cb08-8fac-4b65-9db1-745c2ae65f3a');
        assert.equal(shown.facts['Defender status'], '503');
      });
    });
  }

  it('gives every code its own title', () => {
    const titles = ERROR_CODES.map((code) => read(buildErrorCard(error(code))).title);
    assert.equal(new Set(titles).size, ERROR_CODES.length, titles.join(' | '));
  });

  it('uses the Warning colour for passing trouble and Attention for the rest', () => {
    const warning: ErrorCode[] = ['throttled', 'timeout', 'upstream-failure', 'sign-in-required', 'tenant-not-allowed'];
    for (const code of ERROR_CODES) {
      assert.equal(read(buildErrorCard(error(code))).color, warning.includes(code) ? 'Warning' : 'Attention', code);
    }
  });

  it('keeps the expected titles for the codes users meet most', () => {
    assert.equal(read(buildErrorCard(error('not-found'))).title, 'Software not found');
    assert.equal(read(buildErrorCard(error('throttled'))).title, 'Defender is busy');
    assert.equal(read(buildErrorCard(error('internal'))).title, 'Something went wrong');
    assert.equal(read(buildErrorCard(error('forbidden'))).title, 'Not allowed');
  });

  describe('throttled', () => {
    const hint = (retryAfterSeconds?: number): string | undefined =>
      read(buildErrorCard(error('throttled', { retryAfterSeconds }))).hint;

    it('says how many seconds to wait below 90 seconds', () => {
      assert.equal(hint(30), 'Try again in 30 seconds.');
      assert.equal(hint(89), 'Try again in 89 seconds.');
      assert.equal(hint(1), 'Try again in 1 second.');
    });

    it('rounds up to minutes from 90 seconds', () => {
      assert.equal(hint(90), 'Try again in about 2 minutes.');
      assert.equal(hint(120), 'Try again in about 2 minutes.');
      assert.equal(hint(121), 'Try again in about 3 minutes.');
      assert.equal(hint(3600), 'Try again in about 60 minutes.');
    });

    it('says "in a minute" without Retry-After', () => {
      assert.equal(hint(undefined), 'Try again in a minute.');
    });
  });

  describe('wording', () => {
    it('names the software id in the not-found and bad-input texts', () => {
      for (const code of ['not-found', 'bad-input'] as const) {
        const shown = read(buildErrorCard(error(code, { softwareId: 'contoso-_-nothing' })));
        assert.ok(shown.text.includes('contoso-_-nothing'), code);
      }
      assert.ok(read(buildErrorCard(error('not-found'))).text.includes('this software'));
    });

    it('explains how ids look in the not-found hint', () => {
      const { hint } = read(buildErrorCard(error('not-found', { softwareId: 'contoso-_-nothing' })));
      assert.ok(hint?.includes('microsoft-_-edge'));
      assert.ok(hint?.includes('vendor-_-product'));
    });

    it('names the permission needed for unauthorized and forbidden', () => {
      for (const code of ['unauthorized', 'forbidden'] as const) {
        assert.ok(read(buildErrorCard(error(code))).hint?.includes('Software.Read'), `${code} default`);
        const custom = read(buildErrorCard(error(code, { permission: 'Vulnerability.Read' })));
        assert.ok(custom.hint?.includes('Vulnerability.Read'), `${code} custom`);
      }
    });

    it('keeps Defender text out of markdown: software id and texts sit in TextRuns', () => {
      const card = buildErrorCard(error('not-found', { softwareId: '[click](https://evil.example) <at>x</at>' }));
      const titleBlocks = nodes(card).filter((node) => node.type === 'TextBlock');
      for (const block of titleBlocks) assert.ok(!String(block.text).includes('evil.example'));
      const runs = nodes(card).filter((node) => node.type === 'TextRun');
      assert.ok(runs.some((run) => String(run.text).includes('[click](https://evil.example)')));
    });

    it('strips control characters from the software id and correlation id', () => {
      const card = buildErrorCard(
        error('not-found', { softwareId: 'a\u0000b\u202e-_-c', correlationId: 'id\u0007\u200b-1\n2' }),
      );
      for (const value of allStrings(card)) assert.doesNotMatch(value, /[\p{Cc}\p{Cf}]/u);
      const shown = read(card);
      assert.equal(shown.facts['Software id'], 'ab-_-c');
      assert.equal(shown.facts['Correlation id'], 'id-12');
    });

    it('cuts a very long correlation id and software id', () => {
      const shown = read(
        buildErrorCard(error('forbidden', { softwareId: 's'.repeat(1000), correlationId: 'c'.repeat(1000) })),
      );
      assert.equal(shown.facts['Software id'].length, 200);
      assert.equal(shown.facts['Correlation id'].length, 100);
    });

    it('shows ${...} in details literally', () => {
      const shown = read(buildErrorCard(error('not-found', { softwareId: '${title}', correlationId: '${hint}' })));
      assert.equal(shown.facts['Software id'], 'title', 'a fact (markdown in Teams) keeps id characters only');
      assert.equal(shown.facts['Correlation id'], 'hint', 'a correlation id keeps code characters only');
    });
  });
});

describe('buildInvalidIdCard', () => {
  it('explains what was wrong and shows the example microsoft-_-edge', () => {
    const card = buildInvalidIdCard('../machines', 'dot-dot');
    assert.equal(card.type, 'AdaptiveCard');
    assert.equal(card.version, '1.5');
    const shown = read(card);
    assert.equal(shown.title, 'That is not a valid software id');
    assert.equal(shown.color, 'Warning');
    assert.equal(shown.text, '"../machines" cannot be a Defender software id: it contains "..".');
    assert.ok(shown.hint?.includes('/missingkbs microsoft-_-edge'));
    assert.ok(shown.hint?.includes('vendor-_-product'));
    assert.deepEqual(shown.facts, {});
    assert.ok(!JSON.stringify(card).includes('${'));
  });

  it('shows the input only in a TextRun, cut to 100 characters and without control characters', () => {
    const input = `[click](https://evil.example)\u0000<at>x</at>${'z'.repeat(300)}`;
    const card = buildInvalidIdCard(input, 'too-long');
    for (const block of nodes(card).filter((node) => node.type === 'TextBlock')) {
      assert.ok(!String(block.text).includes('evil.example'));
    }
    const { text } = read(card);
    const quoted = /^"(.*)" cannot be/.exec(text)?.[1];
    assert.ok(quoted !== undefined);
    assert.equal(quoted.length, 100);
    assert.ok(quoted.startsWith('[click](https://evil.example) <at>x</at>'));
    for (const value of allStrings(card)) assert.doesNotMatch(value, /\p{Cc}/u);
  });

  it('shows ${...} in the input literally', () => {
    assert.ok(read(buildInvalidIdCard('${title}', 'shape')).text.startsWith('"${title}"'));
  });
});
