/** Le catalogue français : une section par fonctionnalité, chacune dans son fichier. */
import type { Catalogue } from '../catalogue';
import { browseFr } from './browse';
import { commonFr } from './common';

export const fr: Catalogue = {
  common: commonFr,
  browse: browseFr,
};
