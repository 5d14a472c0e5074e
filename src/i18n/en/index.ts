/** The English catalogue: one section per feature, each in its own file. */
import { alertsEn } from './alerts';
import { commonEn } from './common';
import { watchEn } from './watch';

export const en = {
  common: commonEn,
  watch: watchEn,
  alerts: alertsEn,
};
