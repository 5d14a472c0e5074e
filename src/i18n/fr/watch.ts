/** Français : surveiller des logiciels pour recevoir des alertes (watch, unwatch, watching). */
import type { watchEn } from '../en/watch';

export const watchFr: typeof watchEn = {
  place: { channel: 'ce canal', groupChat: 'cette conversation de groupe', personal: 'cette conversation' },
  someone: 'quelqu’un',
  labels: {
    software: 'Logiciel',
    where: 'Où',
    addedBy: 'Ajouté par',
    removedBy: 'Retiré par',
    when: 'Quand',
    nextCheck: 'Prochaine vérification',
    lastCheck: 'Dernière vérification',
  },
  added: {
    title: (id) => `${id} est maintenant surveillé`,
    text: (place) =>
      `Une alerte sera publiée dans ${place} quand Defender signale un nouveau KB manquant pour ce logiciel, ou davantage d’appareils auxquels il en manque un.`,
  },
  removed: {
    title: (id) => `${id} n’est plus surveillé`,
    text: (place) => `Plus d’alertes pour ce logiciel dans ${place}.`,
  },
  already: {
    title: (id) => `${id} est déjà surveillé`,
    text: (place) => `Les alertes pour ce logiciel arrivent déjà dans ${place}.`,
  },
  absent: {
    title: (id) => `${id} n’est pas surveillé`,
    text: (place) => `Rien à arrêter : ce logiciel n’est pas surveillé dans ${place}.`,
  },
  limit: {
    title: 'Liste de surveillance pleine',
    text: (place, max) => `La liste de surveillance de ${place} est pleine : ${max} logiciels au plus.`,
    hint: 'Arrêtez d’en surveiller un avec /missingkbs unwatch <id-logiciel>, puis réessayez.',
  },
  limitTenant: {
    title: 'Limite de surveillance de votre organisation atteinte',
    text: (_place, max) => `Votre organisation surveille déjà ${max} logiciels, le maximum autorisé.`,
    hint: 'Arrêtez d’en surveiller un avec /missingkbs unwatch <id-logiciel>, ou demandez à l’administrateur du bot de relever ALERT_MAX_WATCHES_PER_TENANT.',
  },
  limitUser: {
    title: 'Votre limite de surveillance est atteinte',
    text: (_place, max) => `Vous avez déjà ajouté ${max} surveillances, le maximum par personne.`,
    hint: 'Arrêtez d’en surveiller une que vous avez ajoutée avec /missingkbs unwatch <id-logiciel>, puis réessayez.',
  },
  consent: {
    title: 'Consentement administrateur nécessaire pour les alertes',
    text: (place) =>
      `Les alertes de ${place} sont lues avec l’accès Defender du bot à toute l’organisation (accès d’application), qu’aucun administrateur de votre organisation n’a encore accordé. Rien n’est surveillé.`,
    hint: 'Un administrateur (administrateur général ou administrateur de rôle privilégié) l’accorde une fois avec le bouton ; renvoyez ensuite la commande de surveillance.',
    button: 'Accorder le consentement administrateur',
  },
  list: {
    title: (place) => `Logiciels surveillés dans ${place}`,
    empty: (place) => `Rien n’est encore surveillé dans ${place}.`,
    hint: 'Envoyez /missingkbs watch <id-logiciel> pour recevoir des alertes ici, /missingkbs unwatch <id-logiciel> pour les arrêter.',
    added: (who, when) => `Ajouté par ${who} le ${when}`,
    more: (n, ids) => `…et ${n} de plus : ${ids}`,
    notChecked: 'Pas encore vérifié',
    checkedOk: (when, kbs) => `Dernière vérification ${when} : ${kbs}`,
    checkedFailed: (when, code) => `Dernière vérification ${when} : échec (${code})`,
  },
  kb: { one: 'KB manquant', other: 'KB manquants' },
  nextCheck: (when) => `avant le ${when}`,
  actions: {
    show: 'Voir les KB manquants',
    list: 'Surveillés ici',
    unwatch: 'Arrêter la surveillance',
  },
};
