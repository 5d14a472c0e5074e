/** The English catalogue: one section per feature, each in its own file. */
import { alertsEn } from './alerts';
import { browseEn } from './browse';
import { commonEn } from './common';
import { errorsEn } from './errors';
import { helpEn } from './help';
import { missingKbsEn } from './missingKbs';
import { signInEn } from './signIn';
import { watchEn } from './watch';

export const en = {
  common: commonEn,
  errors: errorsEn,
  help: helpEn,
  missingKbs: missingKbsEn,
  signIn: signInEn,
  watch: watchEn,
  alerts: alertsEn,
  browse: browseEn,
};

/** The shape of a catalogue: sections of strings and of functions that build strings (English defines it). */
export type Catalogue = typeof en;
