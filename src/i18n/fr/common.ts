/** Français : mots communs à toutes les cartes. */
import type { commonEn } from '../en/common';

export const commonFr: typeof commonEn = {
  botName: 'KB manquants',
  correlationId: 'ID de corrélation',
};
