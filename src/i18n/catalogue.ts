/**
 * Every text a user sees lives in a catalogue, one per language. English defines the shape; the
 * French catalogue is typed against it, so a missing key fails the build (and test/i18n).
 */
import { en } from './en';
import { fr } from './fr';
import type { Locale } from './locale';

/** The shape of a catalogue: sections of strings and of functions that build strings. */
export type Catalogue = typeof en;

const CATALOGUES: Record<Locale, Catalogue> = { en, fr };

/** The catalogue of a language. */
export function catalogue(locale: Locale): Catalogue {
  return CATALOGUES[locale];
}
