/** Français : les cartes d’erreur, une formulation par code du catalogue, et la carte d’identifiant invalide. */
import type { errorsEn } from '../en/errors';
import { formatters } from '../format';

const f = formatters('fr');

export const errorsFr: typeof errorsEn = {
  codes: {
    'bad-input': {
      title: 'Defender n’a pas accepté la requête',
      text: ({ softwareId }) => `Defender a rejeté la requête pour ${softwareId}.`,
      hint: ({ example }) => `Vérifiez l’identifiant du logiciel ; les identifiants ressemblent à ${example}.`,
    },
    'not-found': {
      title: 'Logiciel introuvable',
      text: ({ softwareId }) => `Defender ne connaît aucun logiciel dont l’identifiant est ${softwareId}.`,
      hint: ({ example }) =>
        `Les identifiants s’écrivent en minuscules sous la forme editeur-_-produit, les espaces étant écrits « _ », par exemple ${example} ou microsoft-_-internet_explorer. L’inventaire logiciel du portail Microsoft Defender les affiche.`,
    },
    unauthorized: {
      title: 'Defender n’a pas accepté la connexion',
      text: 'Le jeton d’accès était absent, expiré ou destiné à une autre API.',
      hint: ({ permission }) =>
        `Le bot a besoin de l’autorisation ${permission} sur l’API WindowsDefenderATP. Demandez à votre administrateur Teams de vérifier la configuration du bot.`,
    },
    forbidden: {
      title: 'Accès refusé',
      text: 'Defender a refusé de vous montrer ce logiciel.',
      hint: ({ permission }) =>
        `La lecture des logiciels nécessite l’autorisation ${permission} et un rôle Defender qui peut lire les données de vulnérabilité de ces appareils (« View data > Defender Vulnerability Management », ou « Security posture > Vulnerability management » dans le RBAC unifié de Microsoft Defender XDR). Demandez l’accès à votre administrateur Defender.`,
    },
    'blocked-by-policy': {
      title: 'Bloqué par votre stratégie de connexion',
      text: 'Une stratégie d’accès conditionnel de votre organisation empêche cette connexion d’atteindre Defender.',
      hint: 'Demandez à votre administrateur Entra ID quelle stratégie s’applique (conformité de l’appareil, emplacement ou approbation de l’application).',
    },
    'consent-required': {
      title: 'Consentement nécessaire',
      text: 'Le bot a besoin de votre consentement, ou de celui de votre administrateur, pour lire les données Defender à votre place.',
      hint: 'Connectez-vous lorsque cela vous est demandé, ou demandez à votre administrateur d’accorder le consentement pour l’organisation.',
    },
    'admin-consent-required': {
      title: 'Consentement administrateur nécessaire dans votre organisation',
      text: 'Les alertes sont lues avec l’accès du bot à toute l’organisation (accès d’application), qu’aucun administrateur de votre organisation n’a encore accordé.',
      hint: 'Demandez à un administrateur de votre organisation d’accorder le consentement administrateur au bot, puis renvoyez la commande.',
    },
    'sign-in-required': {
      title: 'Nouvelle connexion nécessaire',
      text: 'Votre connexion Teams ne peut plus servir pour Defender : elle a expiré ou a été révoquée.',
      hint: 'Renvoyez la commande ; Teams vous connectera.',
    },
    'tenant-not-allowed': {
      title: 'Non disponible dans votre organisation',
      text: 'Ce bot répond aux utilisateurs de l’organisation qui l’a installé, et des organisations que son administrateur a autorisées.',
      hint: 'Demandez à votre administrateur Teams si votre organisation peut l’utiliser ; rien n’a été envoyé à Defender.',
    },
    throttled: {
      title: 'Defender est surchargé',
      text: 'Defender limite en ce moment la fréquence des requêtes.',
      hint: ({ retryAfterSeconds: s }) => {
        if (s === undefined) return 'Réessayez dans une minute.';
        if (s < 90) return `Réessayez dans ${f.plural(s, 'seconde', 'secondes')}.`;
        return `Réessayez dans ${f.number(Math.ceil(s / 60))} minutes environ.`;
      },
    },
    timeout: {
      title: 'Defender n’a pas répondu à temps',
      text: 'La requête a pris trop de temps et a été interrompue.',
      hint: 'Réessayez dans une minute.',
    },
    'upstream-failure': {
      title: 'Defender n’est pas disponible',
      text: 'Defender n’a pas pu être joint ou a répondu par une erreur, même après plusieurs tentatives.',
      hint: 'Réessayez dans quelques minutes. Si le problème persiste, consultez la page d’état des services Microsoft 365.',
    },
    'bad-response': {
      title: 'Réponse inattendue de Defender',
      text: 'Defender a répondu autre chose que les données documentées.',
      hint: 'Réessayez plus tard. Si le problème persiste, prévenez votre administrateur Teams.',
    },
    config: {
      title: 'Le bot n’est pas entièrement configuré',
      text: 'Un paramètre nécessaire au bot pour cette opération est manquant.',
      hint: 'Prévenez votre administrateur Teams ; le journal du bot indique le paramètre.',
    },
    internal: {
      title: 'Une erreur s’est produite',
      text: 'Le bot n’a pas pu traiter votre demande.',
      hint: 'Réessayez. Si le problème persiste, prévenez votre administrateur Teams.',
    },
  },
  thisSoftware: 'ce logiciel',
  facts: { softwareId: 'Identifiant du logiciel', status: 'Statut Defender' },
  invalidId: {
    title: 'Ce n’est pas un identifiant de logiciel valide',
    text: (input, reason) => `« ${input} » ne peut pas être un identifiant de logiciel Defender : ${reason}.`,
    hint: (example) =>
      `Les identifiants s’écrivent en minuscules sous la forme editeur-_-produit (lettres, chiffres, « _ », « . » et « - »). Exemple : /missingkbs ${example}`,
  },
  invalidIdReasons: {
    empty: 'aucun identifiant de logiciel n’a été donné',
    'too-long': (max) => `il dépasse ${f.number(max)} caractères`,
    control: 'il contient des espaces ou des caractères de contrôle',
    'dot-dot': 'il contient « .. »',
    characters: 'seuls les lettres, les chiffres, « _ », « . » et « - » sont autorisés',
    shape: 'il n’est pas de la forme editeur-_-produit',
  },
};
