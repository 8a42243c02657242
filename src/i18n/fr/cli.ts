// Français de la ligne de commande : aide, erreurs d’arguments, start/demo, status et pair.
import type { cli } from '../en/cli.js';
import type { Translation } from '../messages.js';

export const cliFr: Translation<typeof cli> = {
  'cli.tagline': 'netatmo-bridge {version} : le chauffage Netatmo Energy dans Samsung SmartThings.',
  'cli.usage': 'Usage : netatmo-bridge [commande] [options]    (sans commande : start)',
  'cli.commands': 'Commandes :',
  'cli.helpCommand': 'ce texte ; "netatmo-bridge help <commande>" ou "<commande> --help" pour une commande',
  'cli.settingsFrom': 'Les réglages viennent de l’environnement et de .env (voir .env.example) ; --version affiche la version.',
  'cli.commandUsage': 'Usage : netatmo-bridge {usage}',
  'cli.options': 'Options :',
  'cli.unknownCommand': 'netatmo-bridge : commande inconnue "{command}". Commandes : {commands} ; "netatmo-bridge --help" les explique.',
  'cli.badArgs': 'netatmo-bridge {command} : {problem}. Lancez "netatmo-bridge {command} --help" pour voir les options.',
  'cli.optHelp': 'affiche cette aide et ne fait rien d’autre',
  'cli.optUrl': 'adresse de la passerelle en marche (par défaut : http://127.0.0.1:<PORT>)',
  'cli.optDataDir':
    'dossier de données (par défaut : DATA_DIR ; sinon celui du service installé ; sinon ./data dans une copie des sources, ~/.local/share/netatmo-bridge une fois installé)',
  'cli.argUnexpected': '{words} inattendu',
  'cli.argNoWords': '{words} inattendu (cette commande ne prend aucun mot, seulement des options)',
  'cli.argSayWhich': 'précisez lequel : {names}',
  'cli.argUnknown': 'option inconnue {option}',
  'cli.argUnknownNear': 'option inconnue {option} (vouliez-vous dire --{near} ?)',
  'cli.argNeedsValue': '{option} attend une valeur',
  'cli.argNoValue': '{option} ne prend pas de valeur',
  'cli.configUnreadable': 'la configuration est totalement illisible',
  'cli.serviceUserHint': ' Les données appartiennent au service : lancez la commande sous son utilisateur, sudo -u {user} netatmo-bridge {command}',

  'main.usage': 'Usage : node dist/main.js [options]   (npm start, npm run demo)',
  'main.starts': 'Démarre la passerelle.',
  'main.optDemo': 'fonctionne sur le logement simulé intégré',
  'main.optDataDir': 'dossier de données (par défaut : DATA_DIR, sinon ./data)',
  'main.badArgs': 'node dist/main.js : {problem}. Lancez "node dist/main.js --help" pour voir les options.',

  'start.summary': 'lance la passerelle au premier plan (la commande par défaut ; Ctrl-C l’arrête)',
  'start.details': 'Sans compte Netatmo configuré, elle fait tourner le logement simulé intégré jusqu’à ce que vous en connectiez un sur la page d’administration.',
  'demo.summary': 'lance la passerelle sur le logement simulé intégré',

  'cliStatus.summary': 'état de la passerelle en marche, en clair (code 0 tout va bien, 1 injoignable, 2 Netatmo pas OK)',
  'cliStatus.dataFrom': 'données {age}',
  'cliStatus.noData': 'pas encore de données',
  'cliStatus.starting': 'Netatmo : la passerelle vient de démarrer et lit Netatmo (dernières valeurs connues : {data}).',
  'cliStatus.ok': 'Netatmo : fonctionne ({data}).',
  'cliStatus.degradedFailures': 'Netatmo : en difficulté — {failures} lectures ratées de suite ; {data}, encore assez fraîches.',
  'cliStatus.degradedHomes': 'Netatmo : fonctionne ({data}), mais certains logements ne peuvent pas être lus : {homes}.',
  'cliStatus.seeStatusPage': 'voir la page d’état',
  'cliStatus.down': 'Netatmo : INJOIGNABLE — {data} ; les hubs les montrent comme périmées.',
  'cliStatus.authRequired':
    'Netatmo : l’autorisation enregistrée a été refusée. Reconnectez-vous sur la page d’administration (/admin), ou arrêtez la passerelle et lancez "{cli} auth".',
  'cliStatus.notConfigured':
    'Netatmo : pas encore connecté. Connectez-le sur la page d’administration (/admin), ou arrêtez la passerelle et lancez "{cli} auth".',
  'cliStatus.moved':
    'Netatmo : connexion TRANSFÉRÉE vers une autre machine (exportée le {time}) ; cette passerelle n’appelle plus Netatmo. Arrêtez-la dès que la nouvelle fonctionne, ou annulez avec "{cli} import --undo-move".',
  'cliStatus.movedEarlier':
    'Netatmo : connexion TRANSFÉRÉE vers une autre machine (exportée plus tôt) ; cette passerelle n’appelle plus Netatmo. Arrêtez-la dès que la nouvelle fonctionne, ou annulez avec "{cli} import --undo-move".',
  'cliStatus.other': 'Netatmo : {status} ({data}).',
  'cliStatus.demo': 'Netatmo : le logement de démo SIMULÉ ({data}), pas votre chauffage. Connectez votre compte sur la page d’administration (/admin).',
  'cliStatus.homes_one': 'Logements : {names} ({count} pièce).',
  'cliStatus.homes_other': 'Logements : {names} ({count} pièces).',
  'cliStatus.noHomes': 'aucun pour l’instant',
  'cliStatus.calls': 'Appels à l’API Netatmo : {calls} dans la dernière heure (budget {budget}) ; lecture toutes les {interval} s.',
  'cliStatus.holdingBack': 'En retrait après des erreurs Netatmo jusqu’à {time}.',
  'cliStatus.lastError': 'Dernière erreur ({time}) : {message}',
  'cliStatus.fileMissing': 'n’existe pas (la passerelle a-t-elle déjà démarré ici ?)',
  'cliStatus.fileNewer': 'a été écrit par une version plus récente de la passerelle (format de données {version})',
  'cliStatus.noToken': 'Impossible de lire le jeton LAN : le fichier de données {file} {problem}. Lancez "{cli} doctor".{hint}',
  'cliStatus.noAnswer':
    'La passerelle ne répond pas à {url}. Est-elle lancée ? (npm start, docker compose up -d, ou systemctl status netatmo-bridge)',
  'cliStatus.tokenRefused': 'La passerelle à {url} a refusé le jeton LAN de {file} : est-ce une autre passerelle, ou un autre DATA_DIR ?',
  'cliStatus.unexpected': 'La passerelle à {url} a répondu HTTP {status} avec un contenu inattendu.',
  'cliStatus.running': 'Passerelle {version} : en marche à {url}/ (page d’état).',

  'pair.summary': 'ouvre la fenêtre d’appairage pour 5 minutes (puis lancez la recherche dans l’application SmartThings)',
  'pair.noToken': 'Impossible de lire le jeton LAN depuis {file}. Lancez "{cli} doctor".{hint}',
  'pair.notOpened': 'La passerelle a répondu mais n’a pas ouvert l’appairage.',
  'pair.open': 'L’appairage est ouvert.',
  'pair.openUntil': 'L’appairage est ouvert jusqu’à {time}.',
  'pair.scan':
    'Maintenant, dans l’application SmartThings : + → Ajouter un appareil → Rechercher à proximité. Le hub trouve la passerelle et s’appaire tout seul.',
  'pair.ssdpOff': 'SSDP est désactivé : indiquez {url} comme adresse de la passerelle dans les réglages du pilote, puis actualisez l’appareil passerelle.',
  'pair.lanAddress': '<adresse de cette machine sur le réseau local>',
  'pair.refused': 'La passerelle n’a pas ouvert l’appairage : {reason}',
  'pair.noAnswer': 'La passerelle ne répond pas à {url} : est-elle lancée ?',
};
