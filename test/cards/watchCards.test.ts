// The watch cards (src/cards/watchNoticeCard.ts, watchListCard.ts).
import assert from 'node:assert/strict';
import { buildWatchListCard } from '../../src/cards/watchListCard';
import { buildWatchNoticeCard } from '../../src/cards/watchNoticeCard';
import { CARD_BYTE_BUDGET } from '../../src/cards/missingKbsCard';
import { cardSize } from '../../src/cards/template';
import type { ListedWatch } from '../../src/watches/store';
import { cardProblems } from '../../scripts/cards/validate';
import { allText, nodes, ofType, texts } from '../support/cards';

const MEGAN = { aadObjectId: '7faf80bb-fa44-4f8b-9b0a-ea0f86d2d08b', name: 'Megan Bowen' };
const CHANNEL = { kind: 'channel' as const, name: 'SOC alerts', teamName: 'Security' };
const EDGE = { softwareId: 'microsoft-_-edge', place: CHANNEL };
const AT = '2026-03-10T09:00:00.000Z';

function commands(card: unknown): string[] {
  return ofType(card, 'Action.Submit').map((a) => (a.data as { command: string }).command);
}

function listed(softwareId: string, lastCheck?: ListedWatch['lastCheck']): ListedWatch {
  return { softwareId, conversationId: 'c', addedBy: MEGAN, addedAt: AT, lastCheck };
}

describe('watch cards', () => {
  // What a confirmation, a refusal and a removal say (who, where, when, next check, buttons): the watch-* samples.
  // The per-user limit: test/watches/commands.test.ts (demo mode, up to their cap).
  it('says nothing of the next check when the poll interval is unknown', () => {
    const unknownInterval = buildWatchNoticeCard(EDGE, { status: 'added', by: MEGAN, at: AT }, 'en');
    assert.ok(!allText(unknownInterval).includes('Next check'));
  });

  it('names chats by their kind when Teams gave no name, and unnamed people as someone', () => {
    const text = allText(
      buildWatchNoticeCard(
        { softwareId: 'microsoft-_-edge', place: { kind: 'groupChat' } },
        { status: 'already', by: {}, at: AT },
        'en',
      ),
    );
    assert.ok(text.includes('this group chat'));
    assert.ok(text.includes('someone'));
    const personal = allText(
      buildWatchNoticeCard({ softwareId: 'microsoft-_-edge', place: { kind: 'personal' } }, { status: 'absent' }, 'fr'),
    );
    assert.ok(personal.includes('cette conversation'));
  });

  it('shows names from Teams only as plain text runs (no markdown links or mentions)', () => {
    const sneaky = { name: '[click me](https://evil.example) **boss**' };
    const card = buildWatchNoticeCard(
      { softwareId: 'microsoft-_-edge', place: { kind: 'channel', name: '<at>all</at> [x](https://evil.example)' } },
      { status: 'added', by: sneaky, at: AT },
      'en',
    );
    assert.equal(ofType(card, 'TextBlock').length, 0);
    const holders = nodes(card).filter((n) => typeof n.text === 'string' && n.text.includes('evil.example'));
    assert.ok(holders.length >= 2);
    for (const holder of holders) assert.equal(holder.type, 'TextRun');
  });

  // The list and the empty list (who added each, the last check, a button each): the watching samples.
  it('says "1 missing KB" for a last check that found one', () => {
    const card = buildWatchListCard(CHANNEL, [listed('mozilla-_-firefox', { checkedAt: AT, ok: true, kbs: 1 })], 'en');
    assert.ok(texts(card).includes('Last check Mar 10, 2026, 9:00 AM UTC: 1 missing KB'), allText(card));
  });

  it('keeps a long list within the card budget, naming the watches that did not fit', () => {
    const many = Array.from({ length: 500 }, (_, i) => listed(`microsoft-_-windows_server_2019_datacenter_${i}`));
    const card = buildWatchListCard(CHANNEL, many, 'fr');
    assert.ok(cardSize(card) <= CARD_BYTE_BUDGET, `${cardSize(card)} bytes`);
    const shown = commands(card).length;
    assert.ok(shown > 10 && shown < 500, `${shown} shown`);
    const text = allText(card);
    assert.ok(text.includes(`…et ${500 - shown} de plus : microsoft-_-windows_server_2019_datacenter_${shown}, `));
    assert.ok(text.includes('(500)'));
    assert.deepEqual(cardProblems(card), []);
  });
});
