/** Français : la connexion (cartes, OAuthCard, pages de consentement) et l’accès utilisé pour répondre. */
import type { signInEn } from '../en/signIn';

export const signInFr: typeof signInEn = {
  reasons: {
    'consent-required': {
      title: 'Consentement nécessaire pour lire Defender à votre place',
      text: 'Connectez-vous une fois et acceptez l’autorisation « Read Threat and Vulnerability Management Software information ». Votre commande s’exécute dès que c’est fait.',
      adminHint: 'accordez une fois le consentement pour toute l’organisation, et plus personne n’aura à le donner.',
    },
    'sign-in-required': {
      title: 'Veuillez vous connecter',
      text: 'Teams n’a pas pu vous connecter automatiquement. Connectez-vous, et votre commande s’exécutera dès que ce sera fait.',
      adminHint: '',
    },
    'sso-failed': {
      title: 'Teams n’a pas pu vous connecter',
      text: 'L’authentification unique n’est pas correctement configurée pour ce bot. Vous pouvez tout de même vous connecter avec le bouton.',
      adminHint:
        'la valeur webApplicationInfo.resource du manifeste de l’application doit être l’URI d’ID d’application de l’inscription d’application du bot (api://botid-{app id}), avec l’étendue access_as_user et les clients Teams préautorisés.',
    },
    channel: {
      title: 'Connectez-vous une fois dans une conversation avec moi',
      text: 'Teams ne peut pas vous connecter dans un canal. Ouvrez une conversation avec moi et envoyez-y /missingkbs une fois ; mentionnez-moi ensuite de nouveau ici et je répondrai avec votre accès Defender.',
      adminHint: '',
    },
    'verify-failed': {
      title: 'La connexion n’a pas abouti',
      text: 'La fenêtre de connexion s’est fermée avant que le bot ne reçoive votre connexion. Renvoyez votre commande.',
      adminHint: '',
    },
    'sign-in-slow': {
      title: 'La connexion prend plus de temps que d’habitude',
      text: 'Microsoft Entra ID tarde à répondre. Votre commande s’exécute dès que votre connexion aboutit ; si aucune réponse n’arrive d’ici une minute, renvoyez-la.',
      adminHint: '',
    },
  },
  labels: {
    forAdmins: 'Pour les administrateurs : ',
    adminConsent: 'Accorder le consentement administrateur',
  },
  fallback: (title, text) => `${title} : ${text}`,
  buttons: { signIn: 'Se connecter', openChat: 'Ouvrir une conversation avec moi' },
  facts: { teamsCode: 'Code Teams', entraCode: 'Code Entra ID' },
  oauthCard: {
    title: 'Se connecter',
    text: 'Connectez-vous pour que le bot puisse lire Microsoft Defender à votre place.',
  },
  signedInSendAgain: 'Connexion réussie. Renvoyez votre commande.',
  answeredWithAccessOf: (name) => `Recherche effectuée avec l’accès Defender de ${name}.`,
  theAskingUser: 'la personne qui a posé la question',
  backToTeams: 'Retour à Teams',
  pages: {
    done: { title: 'Connexion réussie', message: 'Votre réponse arrive dans Teams. Vous pouvez fermer cette fenêtre.' },
    doneSendAgain: {
      title: 'Connexion réussie',
      message: 'Retournez dans Teams et renvoyez votre commande. Vous pouvez fermer cette fenêtre.',
    },
    expired: {
      title: 'Ce lien de connexion a expiré',
      message: 'Retournez dans Teams et renvoyez votre commande pour en obtenir un nouveau.',
    },
    declined: {
      title: 'Le consentement n’a pas été donné',
      message:
        'Le bot ne peut lire Defender à votre place qu’avec votre consentement, ou celui de votre administrateur. Demandez à votre administrateur d’accorder le consentement pour l’organisation, puis renvoyez votre commande.',
    },
    wrongUser: {
      title: 'Connexion avec un autre compte',
      message:
        'Connectez-vous avec le compte que vous utilisez dans Teams. Retournez dans Teams et renvoyez votre commande.',
    },
    otherBrowser: {
      title: 'Terminez la connexion là où vous l’avez commencée',
      message:
        'Cette connexion a été commencée dans un autre navigateur ou une autre fenêtre. Retournez dans Teams et appuyez de nouveau sur le bouton de connexion.',
    },
    unavailable: {
      title: 'La connexion n’est pas disponible pour le moment',
      message: 'Microsoft Entra ID n’a pas pu être joint. Réessayez dans quelques minutes.',
    },
    failed: { title: 'Une erreur s’est produite', message: 'Retournez dans Teams et réessayez.' },
  },
};
