/** Le catalogue français : une section par fonctionnalité, chacune dans son fichier. */
import type { Catalogue } from '../en';
import { alertsFr } from './alerts';
import { browseFr } from './browse';
import { commonFr } from './common';
import { errorsFr } from './errors';
import { helpFr } from './help';
import { missingKbsFr } from './missingKbs';
import { signInFr } from './signIn';
import { watchFr } from './watch';

export const fr: Catalogue = {
  common: commonFr,
  errors: errorsFr,
  help: helpFr,
  missingKbs: missingKbsFr,
  signIn: signInFr,
  watch: watchFr,
  alerts: alertsFr,
  browse: browseFr,
};
