/** The English catalogue: one section per feature, each in its own file. */
import { commonEn } from './common';

export const en = {
  common: commonEn,
};
