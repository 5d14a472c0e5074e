/** The reply to `/missingkbs watching`: what this conversation watches, and how each last check went. */
import listJson from '../../cards/watchList.json';
import type { CheckResult } from '../watches/types';
import type { ListedWatch } from '../watches/store';
import { catalogue, formatters, type Locale } from '../i18n';
import { CARD_BYTE_BUDGET } from './missingKbsCard';
import { CardTemplate, cardSize, type AdaptiveCard } from './template';
import { codeText, plainText } from './text';
import { commandFor } from '../commands/softwareId';
import { actorName, placeWords, type WatchPlace } from './watchText';

interface ListItem {
  softwareId: string;
  added: string;
  check: string;
  checkColor: 'Default' | 'Good' | 'Warning' | 'Attention';
  show: string;
  command: string;
}

interface ListData {
  title: string;
  empty: string;
  watches: ListItem[];
  more: string;
  hint: string;
  fallbackText: string;
}

const template = new CardTemplate<ListData>(listJson);

/** The watching list card; each watch has a button that shows its missing KBs now. */
export function buildWatchListCard(
  place: WatchPlace,
  watches: readonly ListedWatch[],
  locale: Locale,
  byteBudget = CARD_BYTE_BUDGET,
): AdaptiveCard {
  const words = catalogue(locale).watch;
  const where = placeWords(place, locale);
  const format = formatters(locale);
  const date = (iso: string): string => format.dateTime(iso);
  const title =
    watches.length > 0
      ? `${words.list.title(where)} (${formatters(locale).number(watches.length)})`
      : words.list.title(where);
  const items = watches.map((watch): ListItem => ({
    softwareId: watch.softwareId,
    added: words.list.added(actorName(watch.addedBy, locale), date(watch.addedAt)),
    ...checkLine(watch.lastCheck, locale),
    show: words.actions.show,
    command: commandFor(watch.softwareId),
  }));
  const expand = (shown: number): AdaptiveCard => {
    const rest = watches.slice(shown).map((w) => w.softwareId);
    return template.expand({
      title,
      empty: watches.length === 0 ? words.list.empty(where) : '',
      watches: items.slice(0, shown),
      more:
        rest.length > 0
          ? plainText(words.list.more(formatters(locale).number(rest.length), rest.join(', ')), 8000)
          : '',
      hint: watches.length > 0 ? `${words.list.hint} ${catalogue(locale).alerts.readAppOnly}` : words.list.hint,
      fallbackText: watches.length > 0 ? title : words.list.empty(where),
    });
  };
  // Long lists: as many entries with their button as fit the card budget (found by bisection,
  // an entry being larger than its id in the closing line), then the other ids in one line.
  const full = expand(items.length);
  if (cardSize(full) <= byteBudget) return full;
  let fits = 0;
  let over = items.length;
  while (over - fits > 1) {
    const middle = Math.floor((fits + over) / 2);
    if (cardSize(expand(middle)) <= byteBudget) fits = middle;
    else over = middle;
  }
  return expand(fits);
}

function checkLine(check: CheckResult | undefined, locale: Locale): Pick<ListItem, 'check' | 'checkColor'> {
  const words = catalogue(locale).watch;
  const format = formatters(locale);
  const dateTime = (iso: string): string => format.dateTime(iso);
  if (!check) return { check: words.list.notChecked, checkColor: 'Default' };
  if (!check.ok) {
    const code = codeText(check.errorCode ?? 'error', 40);
    return { check: words.list.checkedFailed(dateTime(check.checkedAt), code), checkColor: 'Attention' };
  }
  const kbs = check.kbs ?? 0;
  const count = format.plural(kbs, words.kb.one, words.kb.other);
  return { check: words.list.checkedOk(dateTime(check.checkedAt), count), checkColor: kbs > 0 ? 'Warning' : 'Good' };
}
