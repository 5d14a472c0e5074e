/** The alert card: worst first with safe links, plain text only, nothing missing, size budget on big diffs. */
import assert from 'node:assert/strict';
import { diffKbs } from '../../src/alerts/diff';
import { changePayload, MAX_ALERT_KBS, statePayload } from '../../src/alerts/payload';
import { buildAlertCard } from '../../src/cards/alertCard';
import { CARD_BYTE_BUDGET } from '../../src/cards/missingKbsCard';
import { cardSize } from '../../src/cards/template';
import { allText, ofType } from '../support/cards';
import { kb, many, result } from '../support/kbs';

const AT = '2026-11-27T08:00:00.000Z';

// What each kind of alert says (title, intro, new and grown KBs, resolved KBs, button): the alert-* samples in
// test/cards/fixtures.test.ts.
describe('buildAlertCard', () => {
  it('lists the KBs of a new watch worst first, with catalog links only', () => {
    const payload = statePayload(
      'baseline',
      result([kb({ id: '1', machineMissedOn: 2 }), kb({ id: '2', machineMissedOn: 9, url: 'https://evil.example/x' })]),
      AT,
    );
    const card = buildAlertCard(payload, 'en');
    const links = ofType(card, 'Action.OpenUrl').map((a) => a.url);
    assert.deepEqual(links, [
      'https://www.catalog.update.microsoft.com/Search.aspx?q=KB2',
      'https://catalog.update.microsoft.com/v7/site/Search.aspx?q=KB5000001',
    ]);
  });

  it('shows a webhook message only as a TextRun, never as markdown', () => {
    const message = '**urgent** [click](https://evil.example) <at>All</at>\u0007';
    const card = buildAlertCard(statePayload('notify', result([kb()]), AT, message), 'en');
    const runs = ofType(card, 'TextRun').map((r) => r.text);
    assert.ok(runs.includes('**urgent** [click](https://evil.example) <at>All</at>'));
    const blocks = ofType(card, 'TextBlock').map((b) => String(b.text));
    assert.ok(
      blocks.every((t) => !t.includes('evil.example')),
      'the message is in no TextBlock',
    );
  });

  it('says when nothing is missing', () => {
    assert.match(allText(buildAlertCard(statePayload('baseline', result([]), AT), 'en')), /No missing KBs right now/);
  });

  it('lists at most 15 KBs of a 10,000-KB change, counts the rest and stays within the budget', () => {
    const current = result(many(10_000, () => ({ name: 'x'.repeat(300) })));
    const payload = changePayload(diffKbs({ kbs: {}, resolved: [] }, current, 5), current, AT);
    assert.equal(payload.kbs.length, MAX_ALERT_KBS);
    for (const locale of ['en', 'fr'] as const) {
      const card = buildAlertCard(payload, locale);
      assert.ok(cardSize(card) <= CARD_BYTE_BUDGET, `${cardSize(card)} bytes`);
      assert.equal(ofType(card, 'ColumnSet').length, MAX_ALERT_KBS);
    }
    assert.match(allText(buildAlertCard(payload, 'en')), /…and 9,985 more not shown here\./);
  });

  it('lists fewer KBs when a small budget requires it', () => {
    const current = result(many(15));
    const payload = statePayload('baseline', current, AT);
    const card = buildAlertCard(payload, 'en', 6000);
    assert.ok(cardSize(card) <= 6000);
    const shown = ofType(card, 'ColumnSet').length;
    assert.ok(shown < 15 && shown > 0, `${shown} shown`);
    assert.match(allText(card), new RegExp(`…and ${15 - shown} more not shown here\\.`));
  });
});
