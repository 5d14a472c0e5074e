/** Français : trouver un logiciel par son nom, les plus exposés, et les boutons des cartes (actualiser, pages). */
import type { browseEn } from '../en/browse';

export const browseFr: typeof browseEn = {
  resolvedNote: (query, id) => `« ${query} » est le logiciel ${id} dans Defender.`,
  choiceTitle: (query) => `Plusieurs logiciels correspondent à « ${query} »`,
  choiceIntro: 'Choisissez-en un pour voir ses mises à jour de sécurité manquantes.',
  choiceMore: (shown, total) =>
    `Les ${shown} plus exposés sur ${total}. Précisez le nom (éditeur et nom, par ex. Microsoft Edge) ou donnez l’identifiant.`,
  noneTitle: (query) => `Aucun logiciel nommé « ${query} »`,
  noneText: 'L’inventaire logiciel de Defender n’a aucun logiciel de ce nom, de cet éditeur ou de cet identifiant.',
  suggestionsIntro: 'Vouliez-vous dire l’un de ceux-ci ?',
  noSuggestions:
    'Les noms s’écrivent comme dans l’inventaire logiciel du portail Defender, par ex. edge ou chrome, ou éditeur et nom : Microsoft Edge.',
  topTitle: (n) => `Les ${n} logiciels avec le plus d’appareils exposés`,
  topEmpty: 'L’inventaire logiciel de Defender est vide.',
  topSortedHere: (read) =>
    `Triés par le bot parmi les ${read} premiers logiciels listés par Defender (Defender ne les a pas triés).`,
  exposed: { one: 'appareil exposé', other: 'appareils exposés' },
  weaknesses: { one: 'faiblesse', other: 'faiblesses' },
  publicExploit: 'exploit public',
  activeAlert: 'alerte active',
  showKbs: 'KB manquants',
  refresh: 'Actualiser',
  next: 'Suivant',
  previous: 'Précédent',
  pageOf: (from, to, total) => `KB ${from} à ${to} sur ${total}, les plus répandus d’abord.`,
  refreshedAt: (when) => `Mis à jour le ${when}.`,
  refreshedAtBy: (when, name) => `Mis à jour le ${when} avec l’accès Defender de ${name}.`,
  staleTitle: 'Ce bouton ne fonctionne plus',
  staleText: 'La carte n’est plus à jour, ou ce que porte le bouton a été modifié.',
  staleHint: (example) => `Envoyez de nouveau la commande, par ex. ${example}`,
  signInText: 'Connectez-vous pour mettre à jour cette carte',
  signInButton: 'Se connecter',
};
