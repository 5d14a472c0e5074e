/** The English catalogue: one section per feature, each in its own file. */
import { browseEn } from './browse';
import { commonEn } from './common';

export const en = {
  common: commonEn,
  browse: browseEn,
};
