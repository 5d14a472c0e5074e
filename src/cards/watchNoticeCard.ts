/** Replies to watch and unwatch: done, already so, or not possible (a cap reached, no admin consent). */
import noticeJson from '../../cards/watchNotice.json';
import type { Actor } from '../conversations/types';
import type { WatchLimitScope } from '../watches/store';
import { catalogue, formatters, type Locale } from '../i18n';
import { CardTemplate, type AdaptiveCard } from './template';
import { commandFor } from '../commands/softwareId';
import { actorName, placeName, placeWords, type WatchPlace } from './watchText';

/** What happened to a watch command. */
export type WatchNotice =
  | { readonly status: 'added'; readonly by: Actor; readonly at: string; readonly nextCheckAt?: string }
  | { readonly status: 'removed'; readonly by: Actor; readonly at: string }
  | { readonly status: 'already'; readonly by: Actor; readonly at: string }
  | { readonly status: 'absent' }
  | { readonly status: 'limit'; readonly limit: number; readonly scope: WatchLimitScope }
  /** The tenant has not consented to the bot's app-only access; `adminConsentUrl` where an admin grants it. */
  | { readonly status: 'consent'; readonly adminConsentUrl?: string };

/** The software and conversation a notice is about. */
export interface WatchSubject {
  readonly softwareId: string;
  readonly place: WatchPlace;
}

interface Line {
  label: string;
  value: string;
}

interface NoticeData {
  title: string;
  text: string;
  color: 'Default' | 'Good' | 'Warning';
  facts: Line[];
  hint: string;
  actions: { title: string; command: string }[];
  /** An Action.OpenUrl after the others, when not empty. */
  openUrl: string;
  openTitle: string;
  fallbackText: string;
}

const template = new CardTemplate<NoticeData>(noticeJson);

/** The reply card to `/missingkbs watch` or `/missingkbs unwatch`. */
export function buildWatchNoticeCard(subject: WatchSubject, notice: WatchNotice, locale: Locale): AdaptiveCard {
  const words = catalogue(locale).watch;
  const { softwareId } = subject;
  const place = placeWords(subject.place, locale);
  const date = (iso: string): string => formatters(locale).dateTime(iso);
  const facts: Line[] = [
    { label: words.labels.software, value: softwareId },
    { label: words.labels.where, value: placeName(subject.place, locale) },
  ];
  /** Who did it and when. */
  const person = (label: string, actor: Actor, iso: string): void => {
    facts.push({ label, value: actorName(actor, locale) }, { label: words.labels.when, value: date(iso) });
  };
  const say = (w: { title: (id: string) => string; text: (where: string) => string }) => ({
    title: w.title(softwareId),
    text: w.text(place),
  });
  const show = { title: words.actions.show, command: commandFor(softwareId) };
  const list = { title: words.actions.list, command: commandFor('watching') };
  let data: Omit<NoticeData, 'fallbackText' | 'facts' | 'openUrl' | 'openTitle'>;
  let open = { openUrl: '', openTitle: '' };
  switch (notice.status) {
    case 'added':
      person(words.labels.addedBy, notice.by, notice.at);
      if (notice.nextCheckAt) {
        facts.push({ label: words.labels.nextCheck, value: words.nextCheck(date(notice.nextCheckAt)) });
      }
      data = { ...say(words.added), color: 'Good', hint: '', actions: [show, list] };
      break;
    case 'removed':
      person(words.labels.removedBy, notice.by, notice.at);
      data = { ...say(words.removed), color: 'Default', hint: '', actions: [list] };
      break;
    case 'already':
      person(words.labels.addedBy, notice.by, notice.at);
      data = { ...say(words.already), color: 'Default', hint: '', actions: [show, list] };
      break;
    case 'absent':
      data = { ...say(words.absent), color: 'Default', hint: '', actions: [list] };
      break;
    case 'limit': {
      const w = { conversation: words.limit, tenant: words.limitTenant, user: words.limitUser }[notice.scope];
      const text = w.text(place, formatters(locale).number(notice.limit));
      data = { title: w.title, text, color: 'Warning', hint: w.hint, actions: [list] };
      break;
    }
    case 'consent':
      data = { title: words.consent.title, text: words.consent.text(place), color: 'Warning', hint: '', actions: [] };
      if (notice.adminConsentUrl) {
        data.hint = words.consent.hint;
        open = { openUrl: notice.adminConsentUrl, openTitle: words.consent.button };
      }
      break;
  }
  const card = template.expand({ ...data, ...open, facts, fallbackText: `${data.title}. ${data.text}` });
  // A card without buttons has no actions at all (an empty list is not valid Adaptive Card JSON).
  if (Array.isArray(card.actions) && card.actions.length === 0) delete card.actions;
  return card;
}
