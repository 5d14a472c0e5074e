// src/cards/helpCard.ts: buildHelpCard (commands the parser understands, the unknown text echoed).
import assert from 'node:assert/strict';
import { buildHelpCard } from '../../src/cards/helpCard';
import type { AdaptiveCard } from '../../src/cards/template';
import { parseCommand } from '../../src/commands/parse';
import { allText, factsOf, heading, ofType, type CardNode } from '../support/cards';

/** The echoed unknown text: the Monospace TextRun after "I did not understand ". */
function echoed(card: AdaptiveCard): string | undefined {
  const runs = ofType(card, 'RichTextBlock')
    .map((block) => block.inlines as CardNode[])
    .find((inlines) => inlines[0]?.text === 'I did not understand ');
  assert.ok(!runs || runs[1].fontType === 'Monospace');
  return runs ? String(runs[1].text) : undefined;
}

// What the help and welcome cards say (titles, commands, example id, the channel and 1:1 hints, the Try it
// button and its command): the help, help-unknown-in-channel and welcome samples in test/cards/fixtures.test.ts.
describe('buildHelpCard', () => {
  it('lists the same number of commands in English and French, each understood by the parser', () => {
    const en = Object.keys(factsOf(buildHelpCard()));
    const fr = Object.keys(factsOf(buildHelpCard({ locale: 'fr' })));
    assert.equal(fr.length, en.length);
    for (const listed of [...en, ...fr]) {
      const command = listed
        .replace(/\[.*\]/, '')
        .replace(/software-id|id-du-logiciel/, 'microsoft-_-edge')
        .trim();
      const parsed = parseCommand(command.replace(/ (name|nom)$/, ' edge'));
      assert.ok(parsed.kind !== 'invalid-id' && !('unknown' in parsed && parsed.unknown), listed);
    }
  });

  it('echoes unknown text only when there is some, in a Monospace run cut to 80 characters', () => {
    for (const unknown of [undefined, '']) {
      assert.equal(echoed(buildHelpCard({ unknown })), undefined);
      assert.doesNotMatch(allText(buildHelpCard({ unknown })), /I did not understand/);
    }
    assert.equal(echoed(buildHelpCard({ unknown: 'what can you do?' })), 'what can you do?');
    assert.equal(echoed(buildHelpCard({ unknown: 'q'.repeat(100) })), `${'q'.repeat(79)}…`);
    assert.equal(echoed(buildHelpCard({ unknown: 'r'.repeat(80) })), 'r'.repeat(80));
  });

  it('shows the echo literally: no markdown, no templating, no control characters', () => {
    const card = buildHelpCard({ unknown: '[click](https://evil.example) <at>x</at> ${title}\u0000\u202e' });
    assert.equal(echoed(card), '[click](https://evil.example) <at>x</at> ${title}');
    assert.equal(heading(card), 'Missing KBs: help');
  });
});
