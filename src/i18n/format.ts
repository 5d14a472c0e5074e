/** Numbers, dates and plurals written the way each language writes them (Node's ICU through Intl). */
import type { Locale } from './locale';

/** Formatting helpers bound to one language. */
export interface Formatters {
  /** 12,345 (en) or 12 345 (fr). */
  number(n: number): string;
  /** A date and time in UTC, e.g. "Nov 27, 2026, 3:25 AM UTC" or "27 nov. 2026, 03:25 UTC". */
  dateTime(value: Date | string | number): string;
  /** A count followed by the right form of its noun: plural(1, 'device', 'devices') → "1 device". */
  plural(n: number, one: string, other: string): string;
  /** Only the form of the noun that goes with `n`: word(0, 'device', 'devices') → "devices" (fr: 0 is singular). */
  word(n: number, one: string, other: string): string;
}

const TAGS: Record<Locale, string> = { en: 'en-US', fr: 'fr-FR' };
const cache = new Map<Locale, Formatters>();

/** The formatters of a language (built once per language). */
export function formatters(locale: Locale): Formatters {
  const cached = cache.get(locale);
  if (cached) return cached;
  const tag = TAGS[locale];
  const numbers = new Intl.NumberFormat(tag);
  const dates = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
  const plurals = new Intl.PluralRules(tag);
  const made: Formatters = {
    number: (n) => numbers.format(n),
    dateTime: (value) => `${dates.format(new Date(value))} UTC`,
    plural: (n, one, other) => `${numbers.format(n)} ${plurals.select(n) === 'one' ? one : other}`,
    word: (n, one, other) => (plurals.select(n) === 'one' ? one : other),
  };
  cache.set(locale, made);
  return made;
}
