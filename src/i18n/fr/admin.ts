// Français de la page d’administration, de sa connexion et de ses actions.
import type { admin } from '../en/admin.js';
import type { Translation } from '../messages.js';

export const adminFr: Translation<typeof admin> = {
  'admin.title': 'Administration',
  'admin.signInTitle': 'Connexion',
  'admin.signInHeading': 'Connexion',
  'admin.passwordLabel': 'Mot de passe d’administration',
  'admin.passwordHintEnv': 'Utilisez le mot de passe défini dans ADMIN_PASSWORD.',
  'admin.passwordHintGenerated':
    'À son premier démarrage, la passerelle a écrit une seule fois un mot de passe généré dans son journal (la ligne commence par « ADMIN PASSWORD »). Vous pouvez aussi choisir le vôtre avec ADMIN_PASSWORD.',
  'admin.signInButton': 'Se connecter',
  'admin.signInForeign': 'Le formulaire de connexion ne venait pas de la page de cette passerelle. Ouvrez la page d’administration et réessayez.',
  'admin.signInThrottled': 'Trop de mots de passe erronés. Réessayez dans {minutes} min environ.',
  'admin.signInWrong': 'Ce mot de passe n’est pas le bon.',
  'admin.signOut': 'Se déconnecter',

  'admin.pairingTitle': 'Appairer un hub SmartThings',
  'admin.pairingText':
    'Tant que la fenêtre d’appairage est ouverte, le pilote Edge de votre hub récupère le jeton LAN tout seul. Ouvrez-la, puis dans l’application SmartThings choisissez Ajouter un appareil → Rechercher à proximité.',
  'admin.pairingStateLabel': 'Fenêtre d’appairage :',
  'admin.pairingButton': 'Ouvrir la fenêtre d’appairage pour 5 minutes',
  'admin.pairingOpened':
    'La fenêtre d’appairage est ouverte et se ferme {when}. Ajoutez la passerelle depuis l’application SmartThings maintenant (Ajouter un appareil → Rechercher à proximité).',
  'admin.refreshTitle': 'Actualiser',
  'admin.refreshText': 'Lire vos logements chez Netatmo maintenant, sans attendre la prochaine lecture.',
  'admin.refreshButton': 'Actualiser depuis Netatmo maintenant',
  'admin.refreshed': 'Actualisé depuis Netatmo.',
  'admin.refreshDeferred': 'La passerelle se retient pour rester dans le budget de requêtes Netatmo ; elle actualise dès qu’elle le peut.',
  'admin.refreshFailed': 'L’actualisation a échoué : {reason}.',
  'admin.unknownError': 'erreur inconnue',

  'admin.lanTitle': 'Jeton LAN',
  'admin.lanText':
    'Le pilote Edge de votre hub utilise ce jeton pour parler à la passerelle. L’appairage le transmet tout seul ; vous n’en avez besoin que pour configurer le pilote à la main.',
  'admin.lanShow': 'Afficher le jeton LAN',
  'admin.lanFromEnv': 'Le jeton vient de LAN_TOKEN dans la configuration ; changez-le là-bas pour le renouveler.',
  'admin.lanRotateWarning':
    'Après le renouvellement, chaque hub appairé cesse de fonctionner jusqu’à un nouvel appairage : ouvrez la fenêtre d’appairage et laissez le hub s’appairer, ou saisissez le nouveau jeton dans les réglages du pilote.',
  'admin.lanRotateButton': 'Renouveler le jeton LAN',
  'admin.lanRotateRefused': 'Le jeton LAN vient de LAN_TOKEN dans la configuration ; changez-le là-bas.',
  'admin.lanRotated':
    'Le jeton LAN a été renouvelé. Les hubs appairés cessent de fonctionner jusqu’à un nouvel appairage : ouvrez la fenêtre d’appairage ci-dessous et laissez chaque hub s’appairer (ou saisissez le nouveau jeton dans les réglages du pilote).',

  'admin.settingsTitle': 'Réglages',
  'admin.pollLabel': 'Intervalle de lecture (secondes)',
  'admin.pollHint': 'Fréquence à laquelle la passerelle lit Netatmo ; de {min} à {max} s. S’applique immédiatement.',
  'admin.staleLabel': 'Seuil de péremption (secondes)',
  'admin.staleHint': 'Les données plus anciennes sont marquées périmées ; au moins deux fois l’intervalle de lecture.',
  'admin.pathLegend': 'Voie préférée pour les commandes',
  'admin.pathLan': 'Réseau local (pilote Edge sur le hub)',
  'admin.pathCloud': 'Cloud (SmartApp)',
  'admin.cloudHint':
    'La voie cloud nécessite la SmartApp (PUBLIC_URL et les réglages SMARTAPP_, docs/smartapp.md) ; sans elle, la passerelle la refuse.',
  'admin.cloudRefused':
    'La voie cloud nécessite la SmartApp enregistrée dans le SmartThings Developer Workspace : définissez {missing} (docs/smartapp.md). D’ici là, SmartThings joint la passerelle par le réseau local.',
  'admin.saveSettings': 'Enregistrer les réglages',
  'admin.settingsSaved': 'Réglages enregistrés : lecture toutes les {poll} s, périmé après {stale} s, voie {path} préférée.',
  'admin.settingsPathLan': 'réseau local',
  'admin.settingsPathCloud': 'cloud',
};
