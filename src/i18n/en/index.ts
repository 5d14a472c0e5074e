/** The English catalogue: one section per feature, each in its own file. */
import { commonEn } from './common';
import { watchEn } from './watch';

export const en = {
  common: commonEn,
  watch: watchEn,
};
