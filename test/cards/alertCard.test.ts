/** The alert card: kinds, valid Adaptive Card 1.5, plain text only, size budget on big diffs. */
import assert from 'node:assert/strict';
import { diffKbs } from '../../src/alerts/diff';
import { changePayload, MAX_ALERT_KBS, statePayload } from '../../src/alerts/payload';
import { buildAlertCard } from '../../src/cards/alertCard';
import { CARD_BYTE_BUDGET } from '../../src/cards/missingKbsCard';
import { cardSize } from '../../src/cards/template';
import { allText, ofType } from '../support/cards';
import { kb, many, result } from '../support/kbs';

const AT = '2026-11-27T08:00:00.000Z';

function change(minDelta = 5) {
  const previous = { kbs: { '100': 10, '101': 4 }, resolved: [] };
  const current = result([
    kb({ id: '100', machineMissedOn: 1240 }),
    kb({ id: '200', machineMissedOn: 3, name: 'November 2026 Security Updates' }),
  ]);
  return changePayload(diffKbs(previous, current, minDelta), current, AT);
}

describe('buildAlertCard', () => {
  it('says what changed in English: new KBs, device growth, counts, resolved KBs, the full-list button', () => {
    const card = buildAlertCard(change(), 'en');
    const text = allText(card);
    assert.match(text, /New missing security updates/);
    assert.match(text, /Since the last check: 1 newly missing, 1 on more devices\./);
    assert.match(text, /KB200\n New\nNovember 2026 Security Updates\n3 devices/);
    assert.match(text, /\+1,230 devices \(10 → 1,240\)/);
    assert.match(text, /In total: 2 missing KBs · checked Nov 27, 2026, 8:00 AM UTC/);
    assert.match(text, /1 KB is no longer missing:\nKB101/);
    const [submit] = ofType(card, 'Action.Submit');
    assert.equal(submit.title, 'Show the full list');
    assert.deepEqual(submit.data, { command: '/missingkbs microsoft-_-edge' });
  });

  it('summarises the current state for a new watch, worst first, with catalog links', () => {
    const payload = statePayload(
      'baseline',
      result([kb({ id: '1', machineMissedOn: 2 }), kb({ id: '2', machineMissedOn: 9, url: 'https://evil.example/x' })]),
      AT,
    );
    const card = buildAlertCard(payload, 'en');
    assert.match(allText(card), /Now watching this software[\s\S]*2 missing KBs right now\./);
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
    assert.match(allText(card), /Security update alert/);
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
