// Français de `netatmo-bridge service`. Les commentaires du fichier d’unité restent en anglais (fichier système).
import type { cliService } from '../en/cli-service.js';
import type { Translation } from '../messages.js';

export const cliServiceFr: Translation<typeof cliService> = {
  'service.summary': 'install | uninstall | status du service systemd (Linux ; install et uninstall demandent root)',
  'service.details':
    'install    écrit /etc/systemd/system/netatmo-bridge.service pour ce paquet et ce node, crée\n           l’utilisateur et le dossier de données, puis active et démarre le service\nuninstall  l’arrête, le désactive et supprime l’unité (le dossier de données et les réglages restent)\nstatus     s’il est installé, activé et en marche, et où sont ses données',
  'service.whichAction': 'install, uninstall ou status',
  'service.optDryRun': 'affiche l’unité (install) et ce qui serait fait ; ne change rien',
  'service.optUser': 'utilisateur du service (par défaut {user}, créé s’il manque)',
  'service.optDataDir': 'dossier de données du service (par défaut {dir})',
  'service.unknownAction': 'netatmo-bridge service : action inconnue "{action}" ; dites install, uninstall ou status.',
  'service.notLinux':
    '"netatmo-bridge service" installe un service systemd, ce qui demande Linux (ici : {platform}). Lancez "netatmo-bridge start" sous votre propre superviseur, ou utilisez Docker (docs/operations.md).',
  'service.noSystemd':
    'systemd ne tourne pas sur cette machine (pas de /run/systemd/system) : il n’y a donc pas de service à gérer. Utilisez Docker (docs/operations.md), ou démarrez la passerelle avec "netatmo-bridge start" depuis votre système d’init. "netatmo-bridge service install --dry-run" affiche quand même l’unité.',
  'service.needsRoot': '"service {action}" modifie des fichiers système et demande root. Lancez :\n  {command}',
  'service.cannotWrite': 'Impossible d’écrire l’unité : {problem}.',
  'service.badPath': 'le chemin de {what} ({path}) doit être absolu, sans espaces, guillemets, % ni $ pour une unité systemd',
  'service.badUser': '"{user}" n’est pas un nom d’utilisateur valide',
  'service.path.node': 'node',
  'service.path.package': 'le paquet',
  'service.path.dataDir': 'le dossier de données',
  'service.path.envFile': 'le fichier de réglages',
  'service.dryRun':
    '# simulation : rien n’a changé. "sudo netatmo-bridge service install" écrirait {unit}, créerait l’utilisateur {user} s’il manque, {dataDir} (droits 0700) et {envDir}, puis lancerait systemctl daemon-reload et systemctl enable --now {service}.',
  'service.stepUser': 'utilisateur {user}',
  'service.stepSettings': 'réglages {file}',
  'service.stepDataDir': 'dossier de données {dir}',
  'service.stepAccess': 'accès de {user} à {dir}',
  'service.stepUnit': 'unité {file}',
  'service.stopped': 'Installation arrêtée à l’étape {step} : {failure}',
  'service.stepOk': 'ok  {step}',
  'service.installed': 'La passerelle tourne maintenant comme service (node {node}, paquet {dir}).',
  'service.logHint':
    'Journal et adresse de la page d’état : journalctl -u {service} -f. Réglages : sudoedit {file}, puis sudo systemctl restart {service}.',
  'service.cliHint': 'La ligne de commande trouve seule les données du service : sudo -u {user} netatmo-bridge doctor (ou status, pair).',
  'service.noUser': 'l’utilisateur {user} n’existe pas (créez-le, ou retirez --user pour obtenir l’utilisateur système {service})',
  'service.useraddFailed': 'useradd a échoué : {reason}',
  'service.unreadable':
    '{user} ne peut pas lire {dir} ou lancer {node} (un dossier personnel en droits 0700 ?). Installez le paquet globalement (sudo npm install -g netatmo-smartthings-bridge) ou utilisez --user avec votre propre nom d’utilisateur.',
  'service.systemctlFailed': 'systemctl {args} a échoué : {reason} (voir journalctl -u {service})',
  'service.nothingToUninstall': '{unit} n’existe pas : rien à désinstaller.',
  'service.uninstallDryRun': 'simulation : lancerait systemctl disable --now {service}, supprimerait {unit} et lancerait systemctl daemon-reload.',
  'service.uninstalled':
    'Le service est arrêté, désactivé et supprimé. Conservés : les données dans {dataDir} et les réglages dans {envFile} (supprimez-les vous-même si vous le souhaitez).',
  'service.notInstalled': 'Pas installé (pas de {unit}). Pour l’installer : sudo netatmo-bridge service install',
  'service.state': 'Service {service} : {active}, {boot}.',
  'service.startsAtBoot': 'démarre au démarrage de la machine',
  'service.notAtBoot': 'ne démarre pas avec la machine ({enabled})',
  'service.runs': 'Lance : {exec} sous {user} ; données : {dataDir} ; réglages : {envFile}.',
  'service.log': 'Journal : journalctl -u {service} -f',
};
