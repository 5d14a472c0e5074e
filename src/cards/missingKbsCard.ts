/** The missing-KBs card: a summary and one entry per KB, worst first, within the size budget. */
import type { MissingKb, MissingKbsResult } from '../defender/types';
import missingKbsJson from '../../cards/missingKbs.json';
import noMissingKbsJson from '../../cards/noMissingKbs.json';
import { catalogue, DEFAULT_LOCALE, formatters, type Catalogue, type Locale } from '../i18n';
import { CardTemplate, cardSize, type AdaptiveCard } from './template';
import { catalogUrl, plainText } from './text';

/** Teams' historical per-message limit; keeping under it leaves room for the activity envelope. */
export const CARD_BYTE_BUDGET = 28 * 1024;

/** KB entries shown at most; the rest are counted. Keeps the card readable at a glance. */
export const MAX_KBS_SHOWN = 15;

interface KbEntry {
  id: string;
  name: string;
  products: string;
  url: string;
  devicesText: string;
  devicesColor: string;
  cvesText: string;
}

interface MissingKbsData {
  labels: Catalogue['missingKbs']['labels'];
  softwareId: string;
  summaryText: string;
  kbCountText: string;
  kbCountLabel: string;
  devicesText: string;
  cvesText: string;
  kbs: KbEntry[];
  moreCount: number;
  moreText: string;
  incomplete: boolean;
  skipped: number;
  skippedText: string;
}

const listTemplate = new CardTemplate<MissingKbsData>(missingKbsJson);
const emptyTemplate = new CardTemplate<{ softwareId: string; heading: string; text: string; summary: string }>(
  noMissingKbsJson,
);

/** KBs sorted worst first: most devices, then most CVEs, then KB number. */
export function sortWorstFirst(kbs: readonly MissingKb[]): MissingKb[] {
  return [...kbs].sort(
    (a, b) => b.machineMissedOn - a.machineMissedOn || b.cveAddressed - a.cveAddressed || a.id.localeCompare(b.id),
  );
}

/** Which part of the list a card shows: page `page` (1-based) of MAX_KBS_SHOWN entries, with no "…and N more" line. */
export interface MissingKbsView {
  readonly page?: number;
}

/** Builds the card for a result, in `locale`; an empty result gets the friendly "nothing missing" card. */
export function buildMissingKbsCard(
  result: MissingKbsResult,
  locale: Locale = DEFAULT_LOCALE,
  byteBudget = CARD_BYTE_BUDGET,
  view: MissingKbsView = {},
): AdaptiveCard {
  const t = catalogue(locale).missingKbs;
  const f = formatters(locale);
  const softwareId = plainText(result.softwareId, 200);
  // "Nothing missing" only when Defender's whole answer was read and understood.
  if (result.kbs.length === 0 && result.complete && result.skipped === 0) {
    return emptyTemplate.expand({ softwareId, ...t.none, summary: t.noneSummary(softwareId) });
  }

  const sorted = sortWorstFirst(result.kbs);
  const devices = sorted.reduce((max, kb) => Math.max(max, kb.machineMissedOn), 0);
  const cves = sorted.reduce((sum, kb) => sum + kb.cveAddressed, 0);
  const base = {
    labels: t.labels,
    softwareId,
    summaryText: t.summary(sorted.length, softwareId),
    kbCountText: f.number(sorted.length),
    kbCountLabel: t.kbCountLabel(sorted.length),
    devicesText: f.number(devices),
    cvesText: f.number(cves),
    incomplete: !result.complete,
    skipped: result.skipped,
    skippedText: t.skipped(result.skipped),
  };
  const start = view.page === undefined ? 0 : (view.page - 1) * MAX_KBS_SHOWN;
  let shown = Math.max(0, Math.min(sorted.length - start, MAX_KBS_SHOWN));
  for (;;) {
    const kbs = sorted.slice(start, start + shown).map((kb) => toEntry(kb, devices, t));
    // A paged card says where it is in the list instead (see cards/browse/cardActions.ts).
    const moreCount = view.page === undefined ? sorted.length - shown : 0;
    const card = listTemplate.expand({ ...base, kbs, moreCount, moreText: moreCount > 0 ? t.more(moreCount) : '' });
    // Entries are bounded in length, so this loop runs once except with pathological data.
    if (shown === 0 || cardSize(card) <= byteBudget) return card;
    shown = Math.floor(shown * 0.75);
  }
}

function toEntry(kb: MissingKb, maxDevices: number, t: Catalogue['missingKbs']): KbEntry {
  return {
    id: plainText(kb.id, 20),
    name: plainText(kb.name, 160),
    products: plainText(kb.productsNames.slice(0, 6).join(', ') + (kb.productsNames.length > 6 ? ', …' : ''), 160),
    url: catalogUrl(kb),
    devicesText: t.devices(kb.machineMissedOn),
    // Only the worst entries stand out, so the eye lands on them first.
    devicesColor: maxDevices > 0 && kb.machineMissedOn >= maxDevices * 0.8 ? 'Attention' : 'Default',
    cvesText: t.cves(kb.cveAddressed),
  };
}
