// Français : l’enveloppe des pages, le choix de langue, la page de message, les durées et températures.
import type { common } from '../en/common.js';
import type { Translation } from '../messages.js';

export const commonFr: Translation<typeof common> = {
  'layout.siteName': 'Passerelle Netatmo',
  'layout.skipLink': 'Aller au contenu',
  'layout.mainNav': 'Navigation principale',
  'layout.navStatus': 'État',
  'layout.navAdmin': 'Administration',
  'layout.languageSwitch': 'Langue',

  'message.toAdmin': 'Aller à la page d’administration',
  'message.toStatus': 'Aller à la page d’état',
  'message.reloadNote': 'Cette page ouvre la page d’état dans quelques secondes.',
  'message.formRefusedTitle': 'Formulaire refusé',
  'message.formTooLarge': 'Le formulaire dépasse la taille acceptée par la passerelle. Ouvrez la page d’administration et réessayez.',
  'message.formUnreadable': 'Le formulaire n’a pas pu être lu. Ouvrez la page d’administration et réessayez.',
  'message.formForeign':
    'Ce formulaire était périmé ou ne venait pas de la page de la passerelle : rien n’a été modifié. Ouvrez la page d’administration et réessayez.',
  'message.signInTitle': 'Veuillez vous connecter',
  'message.signInText': 'Votre session d’administration a expiré (ou vous ne vous êtes pas connecté). Reconnectez-vous sur la page d’administration.',
  'message.languageRefused':
    'La langue n’a pas pu être changée : ce formulaire ne venait pas de la page de la passerelle. Utilisez le choix de langue en haut de la page.',

  'time.justNow': 'à l’instant',
  'time.secondsAgo': 'il y a {n} s',
  'time.minutesAgo': 'il y a {n} min',
  'time.hoursAgo': 'il y a {n} h',
  'time.daysAgo_one': 'il y a {count} jour',
  'time.daysAgo_other': 'il y a {count} jours',
  'time.inSeconds': 'dans {n} s',
  'time.inMinutes': 'dans {n} min',
  'time.inHours': 'dans {n} h',
  'time.seconds': '{n} s',
  'time.minutes': '{n} min',
  'time.hours': '{n} h',
  'time.soon': 'bientôt',
  'time.weekdayTime': '{weekday} {time}',
  'time.dateTime': '{date} {time}',
  'unit.celsius': '{value} °C',
  'unit.percent': '{value} %',
  'unit.none': '—',
};
