// Français des refus de l’historique (affichés par le script de la page).
import type { history } from '../en/history.js';
import type { Translation } from '../messages.js';

export const historyFr: Translation<typeof history> = {
  'history.badRange': 'la période doit être 24h ou 7d.',
  'history.noRoom': 'Cette pièce n’existe pas dans les logements reliés.',
  'history.limitClient': 'Trop d’historiques ont été ouverts depuis cet appareil cette heure-ci ; réessayez dans {minutes} min environ.',
  'history.limitEveryone': 'Trop d’historiques ont été ouverts cette heure-ci ; réessayez dans {minutes} min environ.',
  'history.budget':
    'La passerelle garde son budget de requêtes Netatmo pour votre chauffage : l’historique ne peut pas être récupéré maintenant. {reason}.',
  'history.slowDown': 'Netatmo a demandé à la passerelle de ralentir ; l’historique pourra être récupéré plus tard.',
  'history.notConfigured': 'Netatmo n’est pas encore connecté.',
  'history.reconnect': 'Netatmo doit être reconnecté sur la page d’administration.',
  'history.netatmoError': 'Netatmo n’a pas pu fournir l’historique : {reason}',
  'history.internal': 'La passerelle a rencontré une erreur inattendue ; les détails sont dans son journal.',
};
