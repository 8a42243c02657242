// Français des commandes export, import et diagnostics de la ligne de commande.
import type { cliMove } from '../en/cli-move.js';
import type { Translation } from '../messages.js';

export const cliMoveFr: Translation<typeof cliMove> = {
  'export.summary':
    'enregistre les données de cette passerelle (autorisation Netatmo, réglages, jeton LAN) dans un fichier protégé par une phrase secrète, pour une nouvelle machine',
  'export.details':
    'Demande deux fois une phrase secrète (au moins {min} caractères). Après l’export, cette passerelle cesse d’utiliser\nNetatmo (Netatmo n’admet qu’un utilisateur par autorisation) : importez le fichier sur la nouvelle machine avec\n"netatmo-bridge import <fichier>". Transfert abandonné ? "netatmo-bridge import --undo-move".',
  'export.positionals': 'le fichier à écrire',
  'export.done':
    'Exporté dans {file}. Désormais, cette passerelle n’utilise plus l’autorisation Netatmo (transférée le {time}) : copiez le fichier sur la nouvelle machine et importez-le là-bas.',
  'export.doneNoAccount': 'Exporté dans {file}. Aucun compte Netatmo n’était connecté : cette passerelle continue comme avant.',
  'export.undoHint':
    'Transfert abandonné ? "{cli} import --undo-move" sur cette machine lui rend l’usage de Netatmo — seulement si la nouvelle machine n’a jamais démarré avec le fichier.',
  'export.fileExists': '{file} existe déjà ; choisissez un autre nom de fichier (la passerelle n’écrase jamais un fichier). Rien n’a été exporté.',
  'export.fileUnwritable': 'Impossible d’écrire {file} ({code}) ; le transfert a été annulé, cette passerelle continue d’utiliser Netatmo. Rien n’a été exporté.',
  'export.noDataFile': 'Il n’y a pas de fichier de données à l’emplacement {file} : rien à exporter (--data-dir est-il correct ?).',
  'export.dataFileUnusable':
    'Le fichier de données {file} n’est pas utilisable en l’état (endommagé, ou écrit par une version plus récente) : lancez "{cli} doctor". Rien n’a été exporté.',

  'import.summary': 'reprend les données d’un fichier d’export (nouvelle machine), ou --undo-move (ancienne machine, transfert abandonné)',
  'import.details':
    'Demande la phrase secrète de l’export. Fonctionne que la passerelle soit en marche (elle redémarre\nalors sur les données importées) ou arrêtée. Refuse de remplacer le compte Netatmo auquel cette\nmachine est connectée, sauf avec --force. --undo-move rend Netatmo à l’ANCIENNE machine — seulement\nsi la nouvelle n’a jamais démarré avec le fichier.',
  'import.positionals': 'le fichier d’export',
  'import.optForce': 'remplace la connexion Netatmo que cette machine a déjà',
  'import.optUndoMove': 'annule un export sur cette machine (transfert abandonné) ; ne prend pas de fichier',
  'import.startHint': 'Démarrez la passerelle ("{cli} start", ou systemctl start netatmo-bridge) : elle utilise les données importées.',
  'import.lanTokenOverridden':
    'LAN_TOKEN est défini dans la configuration de cette machine et remplace le jeton LAN importé à chaque démarrage : retirez-le pour que les hubs appairés continuent de fonctionner sans nouvel appairage.',
  'import.undone':
    'Le transfert du {time} est annulé : cette passerelle utilise de nouveau sa connexion Netatmo. Ne démarrez plus le fichier exporté sur une autre machine (Netatmo n’admet qu’un utilisateur par autorisation).',
  'import.fileUnreadable': 'Impossible de lire {file} ({code}). Rien n’a été modifié.',
  'import.undoFileOrFlag': 'Donnez soit un fichier d’export à importer, soit --undo-move, mais pas les deux.',
  'import.needFile': 'Indiquez le fichier à importer : netatmo-bridge import <fichier>.',

  'cliMove.optPassphraseFile': 'lit la phrase secrète sur la première ligne de FILE au lieu de la demander',
  'cliMove.passphrasePrompt': 'Phrase secrète du fichier d’export : ',
  'cliMove.passphraseRepeat': 'La même phrase secrète une seconde fois : ',
  'cliMove.noPassphrase': 'Aucune phrase secrète n’a été donnée. Saisissez-la quand elle est demandée, ou utilisez --passphrase-file FILE. Rien n’a été modifié.',
  'cliMove.passphraseFileUnreadable': 'Impossible de lire le fichier de phrase secrète {file} ({code}). Rien n’a été modifié.',
  'cliMove.runningUnreachable':
    'Une passerelle répond à {url}, mais cette commande ne peut pas lui parler (version plus ancienne, ou lancée par un autre utilisateur). Arrêtez-la, puis relancez la commande.',
  'cliMove.bridgeRefused': 'La passerelle en marche a refusé (HTTP {status}) : {message}',

  'diagnostics.summary': 'un rapport JSON expurgé pour signaler un problème (sortie standard, ou --out FILE) ; fonctionne aussi quand la passerelle est arrêtée',
  'diagnostics.details':
    'Les jetons, secrets, mots de passe et adresses e-mail sont retirés ; les noms des logements, pièces et plannings\nsont remplacés par "home 1", "room 1.2"… sauf avec --keep-names.',
  'diagnostics.optOut': 'écrit le rapport dans FILE au lieu de la sortie standard',
  'diagnostics.optKeepNames': 'garde les noms des logements, pièces et plannings',
  'diagnostics.writtenLive': 'Diagnostic écrit dans {file} (depuis la passerelle en marche). Relisez-le, puis joignez-le à votre signalement.',
  'diagnostics.writtenOffline':
    'Diagnostic écrit dans {file} (depuis le dossier de données ; la passerelle n’est pas en marche). Relisez-le, puis joignez-le à votre signalement.',
  'diagnostics.unwritable': 'Impossible d’écrire {file} ({code}).',
  'diagnostics.liveFailed': 'La passerelle en marche n’a pas fourni son diagnostic ({message}) ; repli sur le dossier de données.',
};
