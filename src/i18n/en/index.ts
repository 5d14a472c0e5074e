/** The English catalogue: one section per feature, each in its own file. */
import { alertsEn } from './alerts';
import { commonEn } from './common';

export const en = {
  common: commonEn,
  alerts: alertsEn,
};
