/** The alert cards as samples (English and French): baseline summary, change alert, webhook alert. */
import { diffKbs } from '../../src/alerts/diff';
import { changePayload, statePayload } from '../../src/alerts/payload';
import { buildAlertCard } from '../../src/cards/alertCard';
import { DEMO_SOFTWARE } from '../../src/defender/demo/data';
import type { MissingKb, MissingKbsResult } from '../../src/defender/types';
import type { CardSample } from './samples';

const EDGE = 'microsoft-_-edge';
const CHECKED_AT = '2026-03-10T09:00:00.000Z';

/** Edge as the demo tenant has it, with these KBs instead when given. */
function edge(kbs: readonly MissingKb[] = DEMO_SOFTWARE.get(EDGE) ?? []): MissingKbsResult {
  return { softwareId: EDGE, kbs, skipped: 0, pages: 1, complete: true };
}

/** The demo's Edge a week later: one KB newly missing, one on 60 more devices, one fixed everywhere. */
function changeAlert() {
  const before = edge();
  const [worst, second] = before.kbs;
  const after = edge([
    { ...worst, machineMissedOn: worst.machineMissedOn + 60 },
    second,
    {
      id: '5034765',
      name: 'February 2024 Security Updates',
      productsNames: ['edge'],
      url: 'https://catalog.update.microsoft.com/v7/site/Search.aspx?q=KB5034765',
      machineMissedOn: 18,
      cveAddressed: 11,
    },
  ]);
  const previous = { kbs: Object.fromEntries(before.kbs.map((kb) => [kb.id, kb.machineMissedOn])), resolved: [] };
  return changePayload(diffKbs(previous, after, 5), after, CHECKED_AT);
}

/** One sample per alert kind in English, the summary and the change alert in French too. */
export function alertSamples(): CardSample[] {
  const baseline = statePayload('baseline', edge(), CHECKED_AT);
  const change = changeAlert();
  const notify = statePayload('notify', edge(), CHECKED_AT, 'Sentinel incident 4711: exploitation attempts');
  return [
    {
      name: 'alert-baseline',
      card: buildAlertCard(baseline, 'en'),
      expect: ['Now watching this software', EDGE, 'KB4540673', 'Show the full list'],
    },
    {
      name: 'alert-baseline-fr',
      card: buildAlertCard(baseline, 'fr'),
      expect: ['Ce logiciel est désormais surveillé', 'KB4540673', 'Voir la liste complète'],
    },
    {
      name: 'alert-change',
      card: buildAlertCard(change, 'en'),
      expect: ['New missing security updates', 'KB5034765', '(240 → 300)', 'Show the full list'],
    },
    {
      name: 'alert-change-fr',
      card: buildAlertCard(change, 'fr'),
      expect: ['Nouvelles mises à jour de sécurité manquantes', 'KB5034765', 'Voir la liste complète'],
    },
    {
      name: 'alert-notify',
      card: buildAlertCard(notify, 'en'),
      expect: ['Security update alert', 'Sentinel incident 4711: exploitation attempts'],
    },
  ];
}
