// The watch cards (src/cards/watchNoticeCard.ts, watchListCard.ts).
import assert from 'node:assert/strict';
import { buildWatchListCard } from '../../src/cards/watchListCard';
import { buildWatchNoticeCard } from '../../src/cards/watchNoticeCard';
import { CARD_BYTE_BUDGET } from '../../src/cards/missingKbsCard';
import { cardSize } from '../../src/cards/template';
import type { ListedWatch } from '../../src/watches/store';
import { cardProblems } from '../../scripts/cards/validate';
import { allText, nodes, ofType } from '../support/cards';

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

const CONSENT_URL = 'https://login.microsoftonline.com/11111111-2222-4333-8444-555555555555/adminconsent?client_id=x';

describe('watch cards', () => {
  it('confirm a watch: what, where, who, when and the next check, with buttons to look now and list', () => {
    const card = buildWatchNoticeCard(
      EDGE,
      { status: 'added', by: MEGAN, at: AT, nextCheckAt: '2026-03-10T10:00:00Z' },
      'en',
    );
    const text = allText(card);
    for (const expected of [
      'Now watching microsoft-_-edge',
      'this channel',
      'SOC alerts (Security)',
      'Megan Bowen',
      'Mar 10, 2026, 9:00 AM UTC',
      'Next check',
      'by Mar 10, 2026, 10:00 AM UTC',
    ]) {
      assert.ok(text.includes(expected), expected);
    }
    assert.deepEqual(commands(card), ['/missingkbs microsoft-_-edge', '/missingkbs watching']);
    const unknownInterval = buildWatchNoticeCard(EDGE, { status: 'added', by: MEGAN, at: AT }, 'en');
    assert.ok(!allText(unknownInterval).includes('Next check'), 'no next check when the poll interval is unknown');
  });

  // Removed and the conversation and tenant limits: their samples' words, rendered by render.test.ts.
  it('words every other outcome in English', () => {
    const cases = [
      [{ status: 'already', by: MEGAN, at: AT }, 'Already watching microsoft-_-edge', 'Added by'],
      [{ status: 'absent' }, 'Not watching microsoft-_-edge', 'not watched in this channel'],
      [{ status: 'limit', limit: 25, scope: 'user' }, 'Your watch limit is reached', '25 watches'],
      [{ status: 'consent', adminConsentUrl: CONSENT_URL }, 'Admin consent needed before alerts', 'app-only'],
    ] as const;
    for (const [notice, title, detail] of cases) {
      const text = allText(buildWatchNoticeCard(EDGE, notice, 'en'));
      assert.ok(text.includes(title), title);
      assert.ok(text.includes(detail), detail);
    }
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

  it('lists watches with who added them, the last check and a button each, or says none is', () => {
    const card = buildWatchListCard(
      CHANNEL,
      [
        listed('google-_-chrome'),
        listed('microsoft-_-edge', { checkedAt: '2026-03-10T10:00:00Z', ok: true, kbs: 3 }),
        listed('contoso-_-nothing', { checkedAt: '2026-03-10T10:00:00Z', ok: false, errorCode: 'not-found' }),
        listed('mozilla-_-firefox', { checkedAt: '2026-03-10T10:00:00Z', ok: true, kbs: 1 }),
      ],
      'en',
    );
    const text = allText(card);
    for (const expected of [
      'Software watched in this channel (4)',
      'Added by Megan Bowen on Mar 10, 2026, 9:00 AM UTC',
      'Not checked yet',
      'Last check Mar 10, 2026, 10:00 AM UTC: 3 missing KBs',
      'Last check Mar 10, 2026, 10:00 AM UTC: 1 missing KB',
      'Last check Mar 10, 2026, 10:00 AM UTC: failed (not-found)',
    ]) {
      assert.ok(text.includes(expected), expected);
    }
    assert.deepEqual(commands(card), [
      '/missingkbs google-_-chrome',
      '/missingkbs microsoft-_-edge',
      '/missingkbs contoso-_-nothing',
      '/missingkbs mozilla-_-firefox',
    ]);
    assert.ok(allText(buildWatchListCard(CHANNEL, [], 'en')).includes('Nothing is watched in this channel yet.'));
    assert.deepEqual(commands(buildWatchListCard(CHANNEL, [], 'en')), []);
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
