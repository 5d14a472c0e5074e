/** English: the missing-KBs card and the "nothing missing" card. */
import { formatters } from '../format';

const f = formatters('en');

export const missingKbsEn = {
  /** Fixed texts of the card (bound into cards/missingKbs.json as `labels`). */
  labels: {
    heading: 'Missing security updates',
    devices: 'devices missing the most widespread KB',
    cves: 'CVEs addressed in total',
    incomplete: "Defender's answer may be incomplete: some of its pages could not be read safely.",
    order: 'Worst first: sorted by the number of devices missing each update.',
    openInCatalog: 'Open in the Microsoft Update Catalog',
  },
  /** The card's fallback text: "3 missing KBs for microsoft-_-edge". */
  summary: (kbs: number, softwareId: string) => `${f.plural(kbs, 'missing KB', 'missing KBs')} for ${softwareId}`,
  /** The word under the KB count. */
  kbCountLabel: (kbs: number) => f.word(kbs, 'missing KB', 'missing KBs'),
  /** Devices missing one KB. */
  devices: (n: number) => f.plural(n, 'device', 'devices'),
  /** CVEs one KB addresses. */
  cves: (n: number) => f.plural(n, 'CVE', 'CVEs'),
  /** Entries Defender sent that could not be shown. */
  skipped: (n: number) =>
    `Defender also sent ${f.plural(n, 'entry', 'entries')} without a KB number or name; ${f.word(n, 'it is', 'they are')} not shown.`,
  /** KBs beyond the card's list. */
  more: (n: number) => `…and ${f.plural(n, 'more KB', 'more KBs')} affecting fewer devices, not shown here.`,
  /** The card when nothing is missing. */
  none: {
    heading: 'No missing security updates',
    text: 'Defender reports no missing KBs for this software on the devices you can see.',
  },
  /** Fallback text of the "nothing missing" card. */
  noneSummary: (softwareId: string) => `No missing security updates for ${softwareId}.`,
};
