/** Français : la carte des KB manquants et la carte « rien ne manque ». */
import type { missingKbsEn } from '../en/missingKbs';
import { formatters } from '../format';

const f = formatters('fr');

export const missingKbsFr: typeof missingKbsEn = {
  labels: {
    heading: 'Mises à jour de sécurité manquantes',
    devices: 'appareils sans le KB le plus répandu',
    cves: 'CVE corrigées au total',
    incomplete:
      'La réponse de Defender est peut-être incomplète : certaines pages n’ont pas pu être lues de façon sûre.',
    order: 'Les plus critiques d’abord : triés selon le nombre d’appareils auxquels manque chaque mise à jour.',
    openInCatalog: 'Ouvrir dans le catalogue Microsoft Update',
  },
  summary: (kbs, softwareId) => `${f.plural(kbs, 'KB manquant', 'KB manquants')} pour ${softwareId}`,
  kbCountLabel: (kbs) => f.word(kbs, 'KB manquant', 'KB manquants'),
  devices: (n) => f.plural(n, 'appareil', 'appareils'),
  cves: (n) => f.plural(n, 'CVE', 'CVE'),
  skipped: (n) =>
    `Defender a aussi envoyé ${f.plural(n, 'entrée', 'entrées')} sans numéro ni nom de KB ; ${f.word(n, 'elle n’est pas affichée', 'elles ne sont pas affichées')}.`,
  more: (n) =>
    `…et ${f.plural(n, 'autre KB', 'autres KB')} touchant moins d’appareils, non ${f.word(n, 'affiché', 'affichés')} ici.`,
  none: {
    heading: 'Aucune mise à jour de sécurité manquante',
    text: 'Defender ne signale aucun KB manquant pour ce logiciel sur les appareils que vous pouvez voir.',
  },
  noneSummary: (softwareId) => `Aucune mise à jour de sécurité manquante pour ${softwareId}.`,
};
