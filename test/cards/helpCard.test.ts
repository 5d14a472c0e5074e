// Unit tests for src/cards/helpCard.ts: buildHelpCard (help and welcome titles, unknown echo, scope hint, action).
import assert from 'node:assert/strict';
import { buildHelpCard } from '../../src/cards/helpCard';
import type { AdaptiveCard } from '../../src/cards/template';
import { parseCommand } from '../../src/commands/parse';
import { allText, ofType, type CardNode } from '../support/cards';

function title(card: AdaptiveCard): string {
  return String((card.body as CardNode[])[0].text);
}

/** The echoed unknown text: the Monospace TextRun after "I did not understand ". */
function echoed(card: AdaptiveCard): string | undefined {
  for (const block of ofType(card, 'RichTextBlock')) {
    const runs = block.inlines as CardNode[];
    if (runs[0]?.text === 'I did not understand ') return String(runs[1].text);
  }
  return undefined;
}

describe('buildHelpCard', () => {
  it('is an Adaptive Card 1.5 titled "Missing KBs: help" by default', () => {
    for (const card of [buildHelpCard(), buildHelpCard({}), buildHelpCard({ welcome: false })]) {
      assert.equal(card.type, 'AdaptiveCard');
      assert.equal(card.version, '1.5');
      assert.equal(title(card), 'Missing KBs: help');
    }
  });

  it('greets instead when welcome is set', () => {
    assert.equal(title(buildHelpCard({ welcome: true })), 'Hello! I find missing security updates');
  });

  it('explains the command with the example id, and offers to try it', () => {
    const card = buildHelpCard();
    const text = allText(card);
    assert.ok(text.includes('/missingkbs software-id'));
    assert.ok(text.includes('/missingkbs microsoft-_-edge'));
    assert.ok(text.includes('vendor-_-product'));
    assert.match(String(card.fallbackText), /\/missingkbs microsoft-_-edge/);
    const actions = card.actions as CardNode[];
    assert.equal(actions.length, 1);
    assert.equal(actions[0].type, 'Action.Submit');
    const data = actions[0].data as { command: string };
    assert.deepEqual(parseCommand(data.command), { kind: 'missingkbs', softwareId: 'microsoft-_-edge' });
  });

  it('does not echo anything without unknown text', () => {
    for (const card of [buildHelpCard(), buildHelpCard({ unknown: '' }), buildHelpCard({ unknown: undefined })]) {
      assert.equal(echoed(card), undefined);
      assert.doesNotMatch(allText(card), /I did not understand/);
    }
  });

  it('echoes unknown text in a Monospace TextRun', () => {
    const card = buildHelpCard({ unknown: 'what can you do?' });
    assert.equal(echoed(card), 'what can you do?');
    const run = ofType(card, 'TextRun').find((r) => r.text === 'what can you do?');
    assert.equal(run?.fontType, 'Monospace');
  });

  it('cuts the echo to 80 characters', () => {
    const shown = echoed(buildHelpCard({ unknown: 'q'.repeat(100) }));
    assert.equal(shown, `${'q'.repeat(79)}…`);
    assert.equal(echoed(buildHelpCard({ unknown: 'r'.repeat(80) })), 'r'.repeat(80));
  });

  it('shows the echo literally: no markdown, no templating, no control characters', () => {
    const unknown = '[click](https://evil.example) <at>x</at> ${title}\u0000\u202e';
    const card = buildHelpCard({ unknown });
    assert.equal(echoed(card), '[click](https://evil.example) <at>x</at> ${title}');
    for (const block of ofType(card, 'TextBlock')) {
      assert.ok(!String(block.text).includes('evil.example'));
      assert.ok(!String(block.text).includes('${'));
    }
    assert.equal(title(card), 'Missing KBs: help');
  });

  it('tells channel and group chat users to @mention the bot', () => {
    assert.match(allText(buildHelpCard({ inChannel: true })), /@mention me before the command/);
  });

  it('tells 1:1 users what their Defender role allows instead', () => {
    for (const card of [buildHelpCard(), buildHelpCard({ inChannel: false })]) {
      const text = allText(card);
      assert.doesNotMatch(text, /@mention/);
      assert.match(text, /Defender role/);
    }
  });

  it('combines welcome, channel and unknown', () => {
    const card = buildHelpCard({ welcome: true, inChannel: true, unknown: 'hi' });
    assert.equal(title(card), 'Hello! I find missing security updates');
    assert.equal(echoed(card), 'hi');
    assert.match(allText(card), /@mention/);
  });

  it('leaves no ${...}, $when or $data in any variant', () => {
    for (const welcome of [false, true]) {
      for (const inChannel of [false, true]) {
        for (const unknown of [undefined, '', 'hello']) {
          const json = JSON.stringify(buildHelpCard({ welcome, inChannel, unknown }));
          assert.ok(!json.includes('${'), json);
          assert.ok(!json.includes('"$when"'));
          assert.ok(!json.includes('"$data"'));
        }
      }
    }
  });

  it('returns a new card each time', () => {
    const first = buildHelpCard();
    (first.body as CardNode[])[0].text = 'changed';
    assert.equal(title(buildHelpCard()), 'Missing KBs: help');
  });
});
