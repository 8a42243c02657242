// Français des pages de la SmartApp dans l’application SmartThings.
import type { smartapp } from '../en/smartapp.js';
import type { Translation } from '../messages.js';

export const smartappFr: Translation<typeof smartapp> = {
  'smartapp.accountPage': 'Compte Netatmo',
  'smartapp.netatmo': 'Netatmo',
  'smartapp.connectSection': 'Connecter Netatmo',
  'smartapp.connectOnBridge': 'Se connecter sur la passerelle (recommandé)',
  'smartapp.connectOnBridgeText':
    'Ouvre la page de la passerelle sur votre réseau local : connectez-vous avec son mot de passe d’administration, puis autorisez l’accès sur la page de Netatmo. Revenez ici ensuite.',
  'smartapp.connectPublic': 'Se connecter par l’adresse publique',
  'smartapp.connectPublicText': 'Seulement si votre proxy inverse transmet /admin et /oauth/callback (docs/security.md).',
  'smartapp.manualEntry': 'Saisir plutôt un jeton de renouvellement',
  'smartapp.manualEntryText': 'Seulement si la page de la passerelle ne s’ouvre pas. Le jeton est utilisé aussitôt, puis retiré de la page.',
  'smartapp.statusOk': 'Cette passerelle est connectée à Netatmo.',
  'smartapp.statusAuthRequired': 'Cette passerelle doit être reconnectée à Netatmo.',
  'smartapp.statusNotConfigured': 'Cette passerelle n’est pas encore connectée à Netatmo.',
  'smartapp.statusMoved': 'La connexion Netatmo de cette passerelle a été transférée vers une autre machine.',
  'smartapp.manualPage': 'Identifiants de l’application Netatmo',
  'smartapp.connected': 'Netatmo connecté',
  'smartapp.notConnected': 'Netatmo non connecté',
  'smartapp.ok': 'Tout est bon',
  'smartapp.problem': 'Problème',
  'smartapp.yourApp': 'Votre application sur dev.netatmo.com',
  'smartapp.clientId': 'Identifiant client (client id)',
  'smartapp.fromYourApp': 'Depuis votre application sur dev.netatmo.com',
  'smartapp.tokenUsed': 'Jeton utilisé',
  'smartapp.tokenUsedText':
    'La passerelle a échangé le jeton de renouvellement et garde elle-même ses jetons à jour ; le secret et le jeton ne sont plus sur cette page.',
  'smartapp.clientSecret': 'Secret client (client secret)',
  'smartapp.refreshToken': 'Jeton de renouvellement (refresh token)',
  'smartapp.refreshTokenText': 'Généré sur dev.netatmo.com avec les autorisations read_thermostat et write_thermostat ; utilisé une fois, aussitôt',

  'smartapp.homesPage': 'Logements',
  'smartapp.tooManyRooms': 'Trop de pièces pour la voie cloud',
  'smartapp.deviceLimit': 'SmartThings autorise {max} appareils par SmartApp',
  'smartapp.deviceLimitText':
    '{count} pièce(s) resteraient de côté ({rooms}). Choisissez moins de logements, ou utilisez la voie réseau local (pilote Edge), qui n’a pas de limite.',
  'smartapp.homesSection': 'Logements à relier',
  'smartapp.noHomes': 'Aucun logement pour l’instant',
  'smartapp.noHomesText': 'La passerelle n’a pas encore lu vos logements Netatmo. Laissez vide pour relier tous les logements.',
  'smartapp.homes': 'Logements',
  'smartapp.homesText': 'Laissez vide pour relier tous les logements du compte. Les appareils d’un logement retiré ici sont supprimés.',

  'smartapp.optionsPage': 'Options',
  'smartapp.devicesSection': 'Appareils SmartThings',
  'smartapp.syncProblem': 'La passerelle n’a pas pu créer les appareils',
  'smartapp.bridgeSection': 'Passerelle',
  'smartapp.devicesFrom': 'Les appareils SmartThings viennent de',
  'smartapp.devicesFromText':
    'Réseau local : le pilote Edge de votre hub (aucune adresse publique nécessaire). Cloud : cette SmartApp crée les appareils (30 au plus).',
  'smartapp.pathLan': 'Réseau local (pilote Edge)',
  'smartapp.pathCloud': 'Cloud (cette SmartApp)',
  'smartapp.pollInterval': 'Intervalle de lecture Netatmo (secondes)',
  'smartapp.pollIntervalText':
    'Netatmo autorise environ 500 requêtes par heure. Au plus {max} s : la moitié du seuil de péremption ({stale} s, réglé sur la page d’administration de la passerelle).',
  'smartapp.durationsSection': 'Durée des changements faits depuis SmartThings',
  'smartapp.overrideMinutes': 'Consigne manuelle (minutes)',
  'smartapp.overrideMinutesText': '0 = la durée par défaut du logement dans l’application Netatmo',
  'smartapp.boostMinutes': 'Boost (minutes)',
  'smartapp.boostMinutesText': 'Durée du mode boost (chauffe) d’une pièce',
  'smartapp.awayHours': 'Absent / hors-gel (heures)',
  'smartapp.awayHoursText': '0 = jusqu’au prochain changement',
  'smartapp.profilesSection': 'Profils d’appareil (facultatif)',
  'smartapp.profileHint':
    'Seulement si SmartThings ne laisse pas la passerelle créer ses profils d’appareil : l’identifiant affiché par "smartthings deviceprofiles:view:create" (docs/smartapp.md).',
  'smartapp.homeProfile': 'Identifiant du profil d’appareil du logement',
  'smartapp.roomProfile': 'Identifiant du profil d’appareil des pièces',
  'smartapp.pleaseCorrect': 'À corriger',
  'smartapp.notUsed': 'Cette réponse n’est pas utilisée ; la passerelle garde la valeur qu’elle avait.',
};
