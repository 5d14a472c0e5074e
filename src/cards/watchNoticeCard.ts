/** Replies to watch and unwatch: done, already so, or not possible (list full). */
import noticeJson from '../../cards/watchNotice.json';
import type { Actor } from '../alerts/types';
import { catalogue, formatters, type Locale } from '../i18n';
import { CardTemplate, type AdaptiveCard } from './template';
import { actorName, commandFor, placeName, placeWords, type WatchPlace } from './watchText';

/** What happened to a watch command. */
export type WatchNotice =
  | { readonly status: 'added'; readonly by: Actor; readonly at: string; readonly nextCheckAt?: string }
  | { readonly status: 'removed'; readonly by: Actor; readonly at: string }
  | { readonly status: 'already'; readonly by: Actor; readonly at: string }
  | { readonly status: 'absent' }
  | { readonly status: 'limit'; readonly limit: number };

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
  fallbackText: string;
}

const template = new CardTemplate<NoticeData>(noticeJson);

/** The reply card to `/missingkbs watch` or `/missingkbs unwatch`. */
export function buildWatchNoticeCard(subject: WatchSubject, notice: WatchNotice, locale: Locale): AdaptiveCard {
  const words = catalogue(locale).watch;
  const { softwareId } = subject;
  const place = placeWords(subject.place, locale);
  const where = { label: words.labels.where, value: placeName(subject.place, locale) };
  const software = { label: words.labels.software, value: softwareId };
  const show = { title: words.actions.show, command: commandFor(softwareId) };
  const list = { title: words.actions.list, command: commandFor('watching') };
  const date = (iso: string): string => formatters(locale).dateTime(iso);
  const base = { hint: '', color: 'Default' as const, actions: [show, list] };
  let data: Omit<NoticeData, 'fallbackText'>;
  switch (notice.status) {
    case 'added': {
      const facts = [
        software,
        where,
        by(words.labels.addedBy, notice.by, locale),
        at(words.labels.when, notice.at, locale),
      ];
      if (notice.nextCheckAt)
        facts.push({ label: words.labels.nextCheck, value: words.nextCheck(date(notice.nextCheckAt)) });
      data = { ...base, title: words.added.title(softwareId), text: words.added.text(place), color: 'Good', facts };
      break;
    }
    case 'removed': {
      const facts = [
        software,
        where,
        by(words.labels.removedBy, notice.by, locale),
        at(words.labels.when, notice.at, locale),
      ];
      data = {
        ...base,
        title: words.removed.title(softwareId),
        text: words.removed.text(place),
        facts,
        actions: [list],
      };
      break;
    }
    case 'already': {
      const facts = [
        software,
        where,
        by(words.labels.addedBy, notice.by, locale),
        at(words.labels.when, notice.at, locale),
      ];
      data = { ...base, title: words.already.title(softwareId), text: words.already.text(place), facts };
      break;
    }
    case 'absent':
      data = {
        ...base,
        title: words.absent.title(softwareId),
        text: words.absent.text(place),
        facts: [software, where],
        actions: [list],
      };
      break;
    case 'limit': {
      const text = words.limit.text(place, formatters(locale).number(notice.limit));
      data = {
        ...base,
        title: words.limit.title,
        text,
        color: 'Warning',
        facts: [software, where],
        hint: words.limit.hint,
        actions: [list],
      };
      break;
    }
  }
  return template.expand({ ...data, fallbackText: `${data.title}. ${data.text}` });
}

function by(label: string, actor: Actor, locale: Locale): Line {
  return { label, value: actorName(actor, locale) };
}

function at(label: string, iso: string, locale: Locale): Line {
  return { label, value: formatters(locale).dateTime(iso) };
}
