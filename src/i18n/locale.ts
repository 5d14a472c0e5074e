/** The languages the bot speaks, and how one is chosen from what Teams says. */

/** A language with a full catalogue. */
export type Locale = 'en' | 'fr';

/** Every supported language; the first is the fallback. */
export const LOCALES: readonly Locale[] = ['en', 'fr'];

/** The language used when Teams sends no locale, or one without a catalogue. */
export const DEFAULT_LOCALE: Locale = 'en';

/** The catalogue language for a BCP 47 tag such as `fr-FR`, `fr-CA` or `en-US` (fallback English). */
export function localeOf(tag: string | undefined): Locale {
  const language = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return (LOCALES as readonly string[]).includes(language) ? (language as Locale) : DEFAULT_LOCALE;
}
