/** The words that ask for help, in every language the bot speaks ("help", "aide"...), plus "?". */
import { catalogue, LOCALES } from '../i18n';

/** Help words of every catalogue, lower case. */
export const HELP_WORDS: readonly string[] = [...new Set(LOCALES.flatMap((l) => catalogue(l).help.words))].map((w) =>
  w.toLowerCase(),
);

/** Matches a message (or argument) that is only a help word, with or without a leading "/". */
export const HELP_PATTERN = new RegExp(
  `^/?(${HELP_WORDS.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')}|\\?)$`,
  'i',
);
