// Français de ce que la page d’état dit de la passerelle.
import type { statusWords } from '../en/status-words.js';
import type { Translation } from '../messages.js';

export const statusWordsFr: Translation<typeof statusWords> = {
  'netatmo.starting.headline': 'Démarrage : lecture de Netatmo',
  'netatmo.starting.explanation': 'La passerelle vient de démarrer ; jusqu’à la fin de sa première lecture, elle montre les dernières valeurs connues.',
  'netatmo.ok.headline': 'Connectée à Netatmo',
  'netatmo.ok.explanation': 'La passerelle lit votre chauffage chez Netatmo comme prévu.',
  'netatmo.degraded.headline': 'Netatmo rencontre des difficultés',
  'netatmo.degraded.explanation':
    'Plusieurs lectures de suite ont échoué, ou certains de vos logements ne peuvent pas être lus (voir plus bas) ; les autres données affichées sont récentes. La passerelle continue d’essayer.',
  'netatmo.down.headline': 'Netatmo est injoignable',
  'netatmo.down.explanation': 'Les lectures échouent encore et encore et les données ci-dessous sont périmées. La passerelle continue d’essayer.',
  'netatmo.auth_required.headline': 'Netatmo doit être reconnecté',
  'netatmo.auth_required.explanation': 'Netatmo a refusé l’autorisation enregistrée. Ouvrez l’administration et reconnectez Netatmo.',
  'netatmo.not_configured.headline': 'Netatmo n’est pas encore connecté',
  'netatmo.not_configured.explanation': 'Ouvrez l’administration et connectez votre compte Netatmo.',
  'netatmo.moved.headline': 'Connexion transférée vers une autre machine',
  'netatmo.moved.explanation':
    'La connexion Netatmo a été exportée vers une autre machine : cette passerelle ne parle plus à Netatmo, et les valeurs ci-dessous sont les dernières connues. Arrêtez cette passerelle dès que la nouvelle fonctionne, ou annulez le transfert sur la page d’administration si vous y avez renoncé.',
  'netatmo.notSaved.headline': 'Connectée, mais l’autorisation Netatmo n’est pas enregistrée',
  'netatmo.notSaved.explanation':
    'Netatmo a délivré une nouvelle autorisation que la passerelle n’a pas pu écrire dans son fichier de données. Tout fonctionne pour l’instant, mais après un redémarrage il faudrait reconnecter Netatmo. La passerelle l’enregistre d’elle-même dès que le fichier de données peut être écrit.',
  'netatmo.stale.headline': 'Connectée, mais les données sont anciennes',
  'netatmo.stale.explanation': 'La dernière lecture réussie est plus ancienne que le seuil de péremption.',
  'netatmo.updated': 'mises à jour {age}',
  'netatmo.noData': 'aucune donnée lue pour l’instant',

  'home.unreachable': 'Netatmo ne peut pas joindre ce logement pour le moment',
  'home.relayOffline': 'Netatmo ne joint pas le relais de ce logement (ou la passerelle OpenTherm) : vérifiez son alimentation et son Wi-Fi ; les dernières valeurs connues sont affichées',
  'home.mode.schedule': 'Suit le planning',
  'home.mode.away': 'Absent',
  'home.mode.frostguard': 'Hors-gel',
  'home.until': '{mode} jusqu’à {time}',

  'room.mode.schedule': 'Planning',
  'room.mode.manual': 'Manuel',
  'room.mode.boost': 'Boost',
  'room.mode.off': 'Arrêt',
  'room.mode.away': 'Absent',
  'room.mode.frostguard': 'Hors-gel',
  'room.noBattery': 'pas de données de pile',
  'room.batteryLow': 'Faible, {percent} %',
  'room.battery': '{percent} %',
  'room.unknown': 'inconnu',
  'room.windowOpen': 'Ouverte',
  'room.windowClosed': 'Fermée',
  'room.notHeating': 'Ne chauffe pas',
  'room.heating': 'Chauffe',
  'room.heatingPower': 'Chauffe ({percent} %)',

  'store.locked':
    'Impossible d’enregistrer les données de la passerelle dans {path} : un autre processus (une deuxième passerelle, "npm run auth" ou "npm run doctor -- --refresh") a gardé le fichier verrouillé ({path}.lock). Les données précédentes sont conservées (sur le disque et en mémoire) et la prochaine modification est retentée automatiquement.',
  'store.newerFile':
    'Enregistrement des données arrêté : {path} a été modifié entre-temps par une version plus récente de la passerelle{detail}, et cette version ne l’écrase pas. La passerelle continue avec les données qu’elle a en mémoire et n’enregistre plus tant que le fichier n’est pas réparé : un redémarrage maintenant perdrait ce qui a changé depuis. Arrêtez l’autre passerelle, puis ne lancez que la version plus récente (ou remettez une sauvegarde du fichier).',
  'store.damagedFile':
    'Enregistrement des données arrêté : {path} a été endommagé entre-temps{detail}, par exemple par une modification à la main ; il est laissé tel quel. La passerelle continue avec les données qu’elle a en mémoire et n’enregistre plus tant que le fichier n’est pas réparé : un redémarrage maintenant perdrait ce qui a changé depuis. Réparez le fichier ou remettez une sauvegarde ; ou redémarrez la passerelle, qui met le fichier endommagé de côté et repart de {path}.bak.',
  'store.readOnly':
    'Impossible d’enregistrer les données de la passerelle dans {path} : le système de fichiers est en lecture seule. Montez le dossier de données en écriture (par exemple, retirez ":ro" du volume). Les données précédentes sont conservées (sur le disque et en mémoire) et la prochaine modification est retentée automatiquement.',
  'store.diskFull':
    'Impossible d’enregistrer les données de la passerelle dans {path} : le disque est plein. Libérez de la place sur ce disque. Les données précédentes sont conservées (sur le disque et en mémoire) et la prochaine modification est retentée automatiquement.',
  'store.permission':
    'Impossible d’enregistrer les données de la passerelle dans {path} : permission refusée. Rendez le dossier de données accessible en écriture à l’utilisateur de la passerelle. Les données précédentes sont conservées (sur le disque et en mémoire) et la prochaine modification est retentée automatiquement.',
  'store.io':
    'Impossible d’enregistrer les données de la passerelle dans {path} : erreur d’entrée/sortie{code}. Vérifiez le disque. Les données précédentes sont conservées (sur le disque et en mémoire) et la prochaine modification est retentée automatiquement.',
};
