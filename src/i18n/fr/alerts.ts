/** Français : les cartes d’alerte envoyées d’elles-mêmes (surveillance et webhook). */
import type { alertsEn } from '../en/alerts';

export const alertsFr: typeof alertsEn = {
  baselineTitle: 'Ce logiciel est désormais surveillé',
  changeTitle: 'Nouvelles mises à jour de sécurité manquantes',
  notifyTitle: 'Alerte mises à jour de sécurité',
  baselineIntro: (kbs) =>
    `${kbs} en ce moment. Cette conversation sera alertée quand un KB viendra à manquer ou touchera plus d’appareils.`,
  changeIntro: (newKbs, grown) => `Depuis la dernière vérification : ${newKbs}, ${grown}.`,
  notifyIntro: 'Envoyé par le webhook d’alerte. État actuel dans Defender :',
  messageLabel: 'Message de l’expéditeur :',
  newKbs: (n, count) => (n <= 1 ? `${count} nouveau KB manquant` : `${count} nouveaux KB manquants`),
  grownKbs: (_n, count) => `${count} KB sur plus d’appareils`,
  missingKbs: (n, count) => (n <= 1 ? `${count} KB manquant` : `${count} KB manquants`),
  totalLine: (total, checkedAt) => `Au total : ${total} · vérifié le ${checkedAt}`,
  nothingMissing: 'Aucun KB manquant en ce moment.',
  newBadge: 'Nouveau',
  devices: (n, count) => (n <= 1 ? `${count} appareil` : `${count} appareils`),
  grownDevices: (delta, before, after) => `+${delta} appareils (${before} → ${after})`,
  cves: (_n, count) => `${count} CVE`,
  more: (_n, count) => `…et ${count} de plus, non affichés ici.`,
  resolved: (n, count) => (n <= 1 ? `${count} KB ne manque plus :` : `${count} KB ne manquent plus :`),
  incomplete: 'La réponse de Defender est peut-être incomplète : certaines pages n’ont pas pu être lues sans risque.',
  openKb: (id) => `Ouvrir le KB${id} dans le catalogue Microsoft Update`,
  showFullList: 'Voir la liste complète',
  readAppOnly:
    'Lu avec l’accès Defender du bot à toute l’organisation (accès d’application), et non avec celui d’un membre de cette conversation.',
  fallback: (softwareId, kbs) => `Alerte KB manquants pour ${softwareId} : ${kbs}`,
};
