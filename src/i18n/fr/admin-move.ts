// Français des sections « Transférer vers une nouvelle machine » et « Diagnostic » de la page
// d’administration, et de leurs réponses.
import type { adminMove } from '../en/admin-move.js';
import type { Translation } from '../messages.js';

export const adminMoveFr: Translation<typeof adminMove> = {
  'adminMove.title': 'Transférer vers une nouvelle machine',
  'adminMove.intro':
    'Exportez les données de cette passerelle — l’autorisation Netatmo, les réglages, le jeton LAN et les installations de la SmartApp — dans un seul fichier protégé par une phrase secrète, puis importez-le sur la nouvelle machine. Netatmo ne laisse qu’une seule passerelle utiliser une autorisation : après l’export, cette passerelle cesse de parler à Netatmo.',
  'adminMove.movedNow': 'La connexion Netatmo de cette passerelle a été exportée le <time>{when}</time>.',
  'adminMove.movedAdvice':
    'Arrêtez cette passerelle dès que la nouvelle machine fonctionne. Si vous avez renoncé au transfert et que la nouvelle machine n’a jamais démarré avec le fichier, annulez-le :',
  'adminMove.undoButton': 'Annuler le transfert (utiliser de nouveau Netatmo ici)',
  'adminMove.exportTitle': 'Exporter',
  'adminMove.passphrase': 'Phrase secrète (au moins {min} caractères)',
  'adminMove.passphraseAgain': 'La même phrase secrète une seconde fois',
  'adminMove.passphraseHint': 'Elle sera nécessaire pour importer le fichier. La passerelle ne peut pas retrouver une phrase secrète oubliée.',
  'adminMove.exportWarning': 'Après le téléchargement, cette passerelle n’utilise plus Netatmo ; rechargez cette page pour le constater.',
  'adminMove.exportButton': 'Exporter et télécharger',
  'adminMove.importTitle': 'Importer',
  'adminMove.importIntro': 'Sur la nouvelle machine : choisissez le fichier d’export et saisissez sa phrase secrète. La passerelle redémarre sur les données importées.',
  'adminMove.fileLabel': 'Fichier d’export',
  'adminMove.importPassphrase': 'Phrase secrète de l’export',
  'adminMove.force': 'Remplacer la connexion Netatmo que cette passerelle a déjà',
  'adminMove.importButton': 'Importer',
  'adminMove.exported': 'L’export a été téléchargé. Cette passerelle n’utilise plus Netatmo (transférée le {time}) : importez le fichier sur la nouvelle machine.',
  'adminMove.exportedNoAccount': 'L’export a été téléchargé. Aucun compte Netatmo n’était connecté : cette passerelle continue comme avant.',
  'adminMove.noFile': 'Choisissez le fichier d’export à importer.',
  'adminMove.uploadTooLarge': 'Ce fichier est plus gros que tous les exports qu’écrit la passerelle. Rien n’a été modifié.',
  'adminMove.uploadRefused': 'Le fichier envoyé n’a pas pu être lu. Choisissez de nouveau le fichier d’export.',
  'adminMove.importedTitle': 'Données importées',
  'adminMove.undone': 'Le transfert du {time} est annulé : cette passerelle utilise de nouveau sa connexion Netatmo.',

  'adminMove.diagnosticsTitle': 'Diagnostic pour signaler un problème',
  'adminMove.diagnosticsIntro':
    'Téléchargez un rapport JSON (version, réglages, historique de santé, dernières erreurs, budget de requêtes, logements, dernières lignes du journal) à joindre au signalement d’un problème. Les jetons, secrets, mots de passe et adresses e-mail en sont retirés.',
  'adminMove.keepNames': 'Garder les noms des logements, pièces et plannings (sinon « home 1 », « room 1.2 »…)',
  'adminMove.diagnosticsButton': 'Télécharger le diagnostic',
};
