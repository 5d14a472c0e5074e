/** Le catalogue français : une section par fonctionnalité, chacune dans son fichier. */
import type { Catalogue } from '../catalogue';
import { alertsFr } from './alerts';
import { commonFr } from './common';
import { watchFr } from './watch';

export const fr: Catalogue = {
  common: commonFr,
  watch: watchFr,
  alerts: alertsFr,
};
