/** Samples of the browse cards (names, top, buttons), built from the demo tenant's inventory. */
import {
  buildChoiceCard,
  buildNoMatchCard,
  buildTopCard,
  withResolvedNote,
} from '../../src/cards/browse/softwareCards';
import { buildStaleActionCard, executeButton } from '../../src/cards/browse/cardActions';
import { buildPagedMissingKbsCard } from '../../src/cards/browse/pagedKbs';
import { buildMissingKbsCard } from '../../src/cards/missingKbsCard';
import { DEMO_SOFTWARE } from '../../src/defender/demo/data';
import { DEMO_INVENTORY } from '../../src/defender/demo/inventory';
import type { Software } from '../../src/defender/types';
import type { CardSample } from './samples';

function inventory(...ids: string[]): Software[] {
  return ids.map((id) => {
    const software = DEMO_INVENTORY.find((s) => s.id === id);
    if (!software) throw new Error(`the demo inventory has no ${id}`);
    return software;
  });
}

/** The browse samples, in a stable order. */
export function browseSamples(): CardSample[] {
  const jdks = inventory('oracle-_-jdk', 'azul-_-jdk', 'amazon-_-jdk');
  const top = inventory('microsoft-_-windows_10', 'microsoft-_-teams', 'microsoft-_-.net_framework');
  const edge = {
    softwareId: 'microsoft-_-edge',
    kbs: DEMO_SOFTWARE.get('microsoft-_-edge') ?? [],
    skipped: 0,
    pages: 1,
    complete: true,
  };
  const windows = {
    softwareId: 'microsoft-_-windows_10',
    kbs: DEMO_SOFTWARE.get('microsoft-_-windows_10') ?? [],
    skipped: 0,
    pages: 1,
    complete: true,
  };
  return [
    {
      name: 'browse-choice',
      card: buildChoiceCard('jdk', jdks, 'en'),
      expect: ['Several software match “jdk”', 'oracle-_-jdk', '48 exposed devices', 'Missing KBs'],
    },
    {
      name: 'browse-choice-fr',
      card: buildChoiceCard('jdk', jdks, 'fr'),
      expect: ['Plusieurs logiciels correspondent à « jdk »', '48 appareils exposés', 'KB manquants'],
    },
    {
      name: 'browse-none-suggestions',
      card: buildNoMatchCard('frefox', inventory('mozilla-_-firefox'), 'en'),
      expect: ['No software named “frefox”', 'Did you mean', 'mozilla-_-firefox'],
    },
    {
      name: 'browse-none',
      card: buildNoMatchCard('qwertyuiop', [], 'en'),
      expect: ['No software named “qwertyuiop”', 'Microsoft Edge'],
    },
    {
      name: 'browse-none-fr',
      card: buildNoMatchCard('qwertyuiop', [], 'fr'),
      expect: ['Aucun logiciel nommé « qwertyuiop »', 'Microsoft Edge'],
    },
    {
      name: 'browse-top',
      card: buildTopCard({ items: top, sortedHere: { read: 1000 } }, 'en', [
        executeButton('Refresh', 'refresh', { kind: 'top', count: 3 }),
      ]),
      expect: ['The 3 software with the most exposed devices', '412 exposed devices', 'public exploit', 'first 1000'],
    },
    {
      name: 'browse-top-fr',
      card: buildTopCard({ items: top, sortedHere: { read: 1000 } }, 'fr', [
        executeButton('Actualiser', 'refresh', { kind: 'top', count: 3 }),
      ]),
      expect: ['Les 3 logiciels', 'Triés par le bot parmi les 1000 premiers'],
    },
    {
      name: 'browse-resolved',
      card: withResolvedNote(buildMissingKbsCard(edge), 'Microsoft Edge', 'microsoft-_-edge', 'en'),
      expect: ['“Microsoft Edge” is the software microsoft-_-edge in Defender.', 'KB4540673'],
    },
    {
      name: 'browse-kbs-page-2',
      card: buildPagedMissingKbsCard(windows, 2, 'en'),
      expect: ['KBs 16 to 30 of 36, worst first.', 'Previous', 'Next', 'Refresh'],
    },
    {
      name: 'browse-kbs-page-2-fr',
      card: buildPagedMissingKbsCard(windows, 2, 'fr'),
      expect: ['KB 16 à 30 sur 36', 'Précédent', 'Suivant', 'Actualiser'],
    },
    { name: 'browse-stale-action', card: buildStaleActionCard('en'), expect: ['This button no longer works'] },
  ];
}
