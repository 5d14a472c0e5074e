/** The English catalogue: one section per feature, each in its own file. */
import { commonEn } from './common';
import { errorsEn } from './errors';
import { helpEn } from './help';
import { missingKbsEn } from './missingKbs';
import { signInEn } from './signIn';

export const en = {
  common: commonEn,
  errors: errorsEn,
  help: helpEn,
  missingKbs: missingKbsEn,
  signIn: signInEn,
};
