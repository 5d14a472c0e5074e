/**
 * Every text a user sees lives in a catalogue, one per language. English defines the shape; the
 * French catalogue is typed against it, so a missing key fails the build (and test/i18n).
 */
import { en, type Catalogue } from './en';
import { fr } from './fr';
import type { Locale } from './locale';

export type { Catalogue };

const CATALOGUES: Record<Locale, Catalogue> = { en, fr };

/** The catalogue of a language. */
export function catalogue(locale: Locale): Catalogue {
  return CATALOGUES[locale];
}
