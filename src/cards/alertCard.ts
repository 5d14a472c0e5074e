/** The proactive alert card (first summary of a watch, change alert, webhook alert), in the conversation's language. */
import alertJson from '../../cards/alert.json';
import type { AlertKb, AlertPayload } from '../alerts/payload';
import { catalogue, formatters, type Locale } from '../i18n';
import { commandFor } from '../commands/softwareId';
import { CARD_BYTE_BUDGET } from './missingKbsCard';
import { CardTemplate, cardSize, type AdaptiveCard } from './template';
import { catalogUrl, codeText, plainText } from './text';

/** Longest webhook message shown. */
export const MAX_ALERT_MESSAGE = 1000;

interface KbEntry {
  id: string;
  name: string;
  url: string;
  tooltip: string;
  hasBadge: boolean;
  badge: string;
  changeText: string;
  changeColor: string;
  cvesText: string;
}

interface AlertCardData {
  fallbackText: string;
  title: string;
  titleColor: string;
  softwareId: string;
  hasMessage: boolean;
  messageLabel: string;
  message: string;
  intro: string;
  totalText: string;
  incomplete: boolean;
  incompleteText: string;
  kbs: KbEntry[];
  moreCount: number;
  moreText: string;
  resolvedCount: number;
  resolvedText: string;
  resolvedIds: string;
  buttonTitle: string;
  command: string;
  /** Whose access read the data: the bot's organisation-wide (app-only) access, never a member's. */
  accessText: string;
}

const template = new CardTemplate<AlertCardData>(alertJson);

/** Builds the card of an alert for one conversation; lists fewer KBs if needed to stay within `byteBudget`. */
export function buildAlertCard(payload: AlertPayload, locale: Locale, byteBudget = CARD_BYTE_BUDGET): AdaptiveCard {
  const t = catalogue(locale).alerts;
  const f = formatters(locale);
  const n = (value: number): string => f.number(value);
  const softwareId = plainText(payload.softwareId, 200);
  const total = payload.totalKbs === 0 ? t.nothingMissing : t.missingKbs(payload.totalKbs, n(payload.totalKbs));
  const listed = payload.kind === 'change' ? payload.newCount + payload.grownCount : payload.totalKbs;
  const base = {
    fallbackText: t.fallback(softwareId, total),
    title: { baseline: t.baselineTitle, change: t.changeTitle, notify: t.notifyTitle }[payload.kind],
    titleColor: payload.kind === 'baseline' ? 'Default' : 'Attention',
    softwareId,
    hasMessage: payload.message !== undefined,
    messageLabel: t.messageLabel,
    message: plainText(payload.message ?? '', MAX_ALERT_MESSAGE),
    intro: intro(payload, t, total, n),
    totalText: t.totalLine(total, f.dateTime(payload.checkedAt)),
    incomplete: !payload.complete,
    incompleteText: t.incomplete,
    resolvedCount: payload.resolvedCount,
    resolvedText: t.resolved(payload.resolvedCount, n(payload.resolvedCount)),
    resolvedIds: resolvedIds(payload),
    buttonTitle: t.showFullList,
    accessText: t.readAppOnly,
    command: commandFor(softwareId),
  };
  let shown = payload.kbs.length;
  for (;;) {
    const kbs = payload.kbs.slice(0, shown).map((kb) => toEntry(kb, t, n));
    const moreCount = listed - shown;
    const card = template.expand({ ...base, kbs, moreCount, moreText: t.more(moreCount, n(moreCount)) });
    if (shown === 0 || cardSize(card) <= byteBudget) return card;
    shown = Math.floor(shown * 0.75);
  }
}

type Texts = ReturnType<typeof catalogue>['alerts'];

function intro(payload: AlertPayload, t: Texts, total: string, n: (value: number) => string): string {
  if (payload.kind === 'baseline') return t.baselineIntro(total);
  if (payload.kind === 'notify') return t.notifyIntro;
  return t.changeIntro(
    t.newKbs(payload.newCount, n(payload.newCount)),
    t.grownKbs(payload.grownCount, n(payload.grownCount)),
  );
}

function toEntry(kb: AlertKb, t: Texts, n: (value: number) => string): KbEntry {
  const id = codeText(kb.id, 20);
  const grown = kb.before !== undefined;
  return {
    id,
    name: plainText(kb.name, 160),
    url: catalogUrl({ id, url: kb.url }),
    tooltip: t.openKb(id),
    hasBadge: kb.isNew === true,
    badge: t.newBadge,
    changeText: grown
      ? t.grownDevices(n(kb.devices - (kb.before ?? 0)), n(kb.before ?? 0), n(kb.devices))
      : t.devices(kb.devices, n(kb.devices)),
    changeColor: kb.isNew || grown ? 'Attention' : 'Default',
    cvesText: t.cves(kb.cves, n(kb.cves)),
  };
}

function resolvedIds(payload: AlertPayload): string {
  const ids = payload.resolved.map((id) => `KB${codeText(id, 20)}`).join(', ');
  return payload.resolvedCount > payload.resolved.length ? `${ids}, …` : ids;
}
