/** The watch cards as samples (English and French): fixtures, schema checks and screenshots. */
import type { ListedWatch } from '../../src/watches/store';
import { buildWatchListCard } from '../../src/cards/watchListCard';
import { buildWatchNoticeCard } from '../../src/cards/watchNoticeCard';
import type { CardSample } from './samples';

const MEGAN = { aadObjectId: '7faf80bb-fa44-4f8b-9b0a-ea0f86d2d08b', name: 'Megan Bowen' };
const SOC = { kind: 'channel' as const, name: 'SOC alerts', teamName: 'Security' };
const EDGE = { softwareId: 'microsoft-_-edge', place: SOC };
const AT = '2026-03-10T09:00:00.000Z';

const WATCHES: ListedWatch[] = [
  { softwareId: 'google-_-chrome', conversationId: 'c', addedBy: MEGAN, addedAt: AT },
  {
    softwareId: 'microsoft-_-edge',
    conversationId: 'c',
    addedBy: MEGAN,
    addedAt: AT,
    lastCheck: { checkedAt: '2026-03-10T10:00:00.000Z', ok: true, kbs: 3 },
  },
  {
    softwareId: 'contoso-_-nothing',
    conversationId: 'c',
    addedBy: {},
    addedAt: AT,
    lastCheck: { checkedAt: '2026-03-10T10:00:00.000Z', ok: false, errorCode: 'not-found' },
  },
];

/** One sample per watch card variant, and the French list and confirmation. */
export function watchSamples(): CardSample[] {
  return [
    {
      name: 'watch-added',
      card: buildWatchNoticeCard(
        EDGE,
        { status: 'added', by: MEGAN, at: AT, nextCheckAt: '2026-03-10T10:00:00Z' },
        'en',
      ),
      expect: ['Now watching microsoft-_-edge', 'SOC alerts (Security)', 'Megan Bowen', 'Show missing KBs'],
    },
    {
      name: 'watch-added-fr',
      card: buildWatchNoticeCard(
        EDGE,
        { status: 'added', by: MEGAN, at: AT, nextCheckAt: '2026-03-10T10:00:00Z' },
        'fr',
      ),
      expect: ['microsoft-_-edge est maintenant surveillé', '10 mars 2026, 09:00 UTC'],
    },
    {
      name: 'watch-already',
      card: buildWatchNoticeCard(EDGE, { status: 'already', by: MEGAN, at: AT }, 'en'),
      expect: ['Already watching microsoft-_-edge'],
    },
    {
      name: 'watch-removed',
      card: buildWatchNoticeCard(EDGE, { status: 'removed', by: MEGAN, at: AT }, 'en'),
      expect: ['Stopped watching microsoft-_-edge', 'Removed by'],
    },
    {
      name: 'watch-absent',
      card: buildWatchNoticeCard(EDGE, { status: 'absent' }, 'en'),
      expect: ['Not watching microsoft-_-edge'],
    },
    {
      name: 'watch-limit',
      card: buildWatchNoticeCard(EDGE, { status: 'limit', limit: 50, scope: 'conversation' }, 'en'),
      expect: ['Watch list full', '50 software ids at most'],
    },
    {
      name: 'watch-limit-tenant',
      card: buildWatchNoticeCard(EDGE, { status: 'limit', limit: 200, scope: 'tenant' }, 'en'),
      expect: ['Watch limit of your organisation reached', 'already watches 200 software ids'],
    },
    {
      name: 'watch-admin-consent',
      card: buildWatchNoticeCard(
        EDGE,
        {
          status: 'consent',
          adminConsentUrl:
            'https://login.microsoftonline.com/11111111-2222-4333-8444-555555555555/adminconsent?client_id=3f1d2c4b-5a69-4e7f-8c1b-2a3d4e5f6a7b',
        },
        'en',
      ),
      expect: ['Admin consent needed before alerts', 'Nothing is watched', 'Grant admin consent'],
    },
    {
      name: 'watching',
      card: buildWatchListCard(SOC, WATCHES, 'en'),
      expect: ['Software watched in this channel (3)', 'Not checked yet', '3 missing KBs', 'failed (not-found)'],
    },
    {
      name: 'watching-fr',
      card: buildWatchListCard(SOC, WATCHES, 'fr'),
      expect: ['Logiciels surveillés dans ce canal (3)', 'Voir les KB manquants'],
    },
    {
      name: 'watching-empty',
      card: buildWatchListCard({ kind: 'groupChat' }, [], 'en'),
      expect: ['Nothing is watched in this group chat yet.'],
    },
  ];
}
