// Français du script de la page d’état.
import type { client } from '../en/client.js';
import type { Translation } from '../messages.js';

export const clientFr: Translation<typeof client> = {
  'client.updatedAt': 'Mis à jour à {time} · cette page se met à jour toutes les 10 secondes.',
  'client.unreachable': 'La passerelle est injoignable pour le moment ; nouvel essai…',
  'client.updatesEvery': 'Cette page se met à jour toutes les 10 secondes.',
  'client.historyOf': 'Historique des températures : {room}',
  'client.loading': 'Chargement de l’historique depuis Netatmo…',
  'client.loadFailed': 'L’historique n’a pas pu être chargé.',
  'client.noMeasurements': 'Netatmo n’a aucune mesure pour cette période.',
  'client.chartTitle24h': 'Température de {room}, dernières 24 heures',
  'client.chartTitle7d': 'Température de {room}, 7 derniers jours',
  'client.theRoom': 'la pièce',
  'client.measuredRange': 'mesurée entre {min} et {max} °C, dernière valeur {latest} °C',
  'client.setpointRange': 'consigne entre {min} et {max} °C',
  'client.degrees': '{value}°',
  'client.legendMeasured': 'Température mesurée (trait plein)',
  'client.legendSetpoint': 'Consigne (pointillés)',
};
