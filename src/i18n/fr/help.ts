/** Français : la carte d’aide (aussi carte de bienvenue) et les mots qui la demandent. */
import type { helpEn } from '../en/help';

export const helpFr: typeof helpEn = {
  words: ['aide', 'aidez-moi', 'commandes'],
  title: 'KB manquants : aide',
  welcomeTitle: 'Bonjour ! Je trouve les mises à jour de sécurité manquantes',
  fallback: (example) => `Bot KB manquants : envoyez /missingkbs <id-du-logiciel>, par exemple /missingkbs ${example}`,
  labels: {
    notUnderstoodBefore: 'Je n’ai pas compris « ',
    notUnderstoodAfter: ' ».',
    intro:
      'Je vous indique les mises à jour de sécurité (KB) que Microsoft Defender for Endpoint signale comme manquantes pour un logiciel.',
    idShapeBefore: 'Les identifiants de logiciel sont de la forme ',
    idShape: 'editeur-_-produit',
    idShapeAfter: ', en minuscules, par exemple :',
  },
  commands: {
    missingKbs: { title: '/missingkbs id-du-logiciel', value: 'Les KB manquants, les plus critiques d’abord' },
    find: { title: '/missingkbs nom', value: 'Trouve le logiciel par son nom, par ex. edge ou « Microsoft Edge »' },
    top: { title: '/missingkbs top [nombre]', value: 'Les logiciels qui exposent le plus d’appareils' },
    watch: { title: '/missingkbs watch id-du-logiciel', value: 'Des alertes ici quand de nouveaux KB manquent' },
    unwatch: { title: '/missingkbs unwatch id-du-logiciel', value: 'Arrête ces alertes' },
    watching: { title: '/missingkbs watching', value: 'Ce qui est surveillé ici, et les dernières vérifications' },
    help: { title: 'aide', value: 'Ce message' },
  },
  scopeChannel: 'Dans un canal ou une conversation de groupe, mentionnez-moi (@) avant la commande.',
  scopePersonal: 'Vous ne voyez que ce que votre rôle Defender autorise.',
  tryIt: (example) => `Essayer : ${example}`,
};
