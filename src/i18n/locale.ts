/** The languages the bot speaks, and how one is chosen from what Teams says. */

/** A language with a full catalogue. */
export type Locale = 'en' | 'fr';

/** Every supported language; the first is the fallback. */
export const LOCALES: readonly Locale[] = ['en', 'fr'];

/** The language used when Teams sends no locale, or one without a catalogue. */
export const DEFAULT_LOCALE: Locale = 'en';

/**
 * The catalogue language a browser prefers, from an Accept-Language header such as
 * `fr-FR,fr;q=0.9,en;q=0.8`: the supported language with the highest weight, else English.
 */
export function localeOfAcceptLanguage(header: string | undefined): Locale {
  const ranked = (header ?? '')
    .slice(0, 500)
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(';');
      // A weight that is not a number makes the entry unusable (NaN is filtered out below).
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag.trim(), weight: q === undefined ? 1 : Number(q.slice(2) || 'x'), index };
    })
    .filter((entry) => entry.weight > 0 && Number.isFinite(entry.weight))
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  const supported = ranked.find((entry) =>
    (LOCALES as readonly string[]).includes(entry.tag.toLowerCase().split('-')[0]),
  );
  return supported ? localeOf(supported.tag) : DEFAULT_LOCALE;
}

/** The catalogue language for a BCP 47 tag such as `fr-FR`, `fr-CA` or `en-US` (fallback English). */
export function localeOf(tag: string | undefined): Locale {
  const language = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return (LOCALES as readonly string[]).includes(language) ? (language as Locale) : DEFAULT_LOCALE;
}
