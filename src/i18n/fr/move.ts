// Français du transfert vers une nouvelle machine, commun à la page d’administration et à la ligne
// de commande : pourquoi un export ou un import a été refusé, et ce qu’a fait un import.
import type { move } from '../en/move.js';
import type { Translation } from '../messages.js';

export const moveFr: Translation<typeof move> = {
  'move.weakPassphrase': 'La phrase secrète doit compter au moins {limit} caractères (quelques mots sont le plus facile à retenir). Rien n’a été exporté.',
  'move.passphraseMismatch': 'Les deux phrases secrètes ne sont pas identiques. Rien n’a été exporté.',
  'move.notAnExport':
    'Ce n’est pas un fichier d’export de la passerelle Netatmo (ou il est incomplet : a-t-il été tronqué pendant la copie ?). Rien n’a été modifié.',
  'move.unsupportedVersion':
    'Ce fichier d’export a été écrit par une version plus récente de la passerelle{version}. Mettez à jour la passerelle sur cette machine, puis importez de nouveau. Rien n’a été modifié.',
  'move.tooLarge': 'Ce fichier est plus gros que tous les exports qu’écrit la passerelle (limite : {limit} Kio). Rien n’a été modifié.',
  'move.unsafeParameters':
    'Ce fichier d’export demande des paramètres de dérivation de clé hors des limites sûres : la passerelle ne l’ouvre pas. Rien n’a été modifié.',
  'move.wrongPassphrase': 'Ce n’est pas la phrase secrète avec laquelle ce fichier a été exporté. Rien n’a été modifié ; réessayez.',
  'move.tampered':
    'La phrase secrète est la bonne, mais le fichier a été modifié ou endommagé après l’export (son contenu ne correspond plus à son sceau). Recopiez le fichier d’origine. Rien n’a été modifié.',
  'move.invalidPayload':
    'Le fichier s’est ouvert, mais son contenu n’est pas celui qu’attend la passerelle (endommagé, ou produit par un autre programme). Rien n’a été modifié.',
  'move.accountPresent':
    'Cette passerelle est déjà connectée à un compte Netatmo. L’import remplacerait cette connexion : importez de nouveau avec --force (ou cochez « Remplacer la connexion Netatmo que cette passerelle a déjà » sur la page d’administration) si c’est bien ce que vous voulez. Rien n’a été modifié.',
  'move.alreadyMoved':
    'La connexion Netatmo de cette passerelle a déjà été exportée le {time}. Utilisez ce fichier ; ou annulez d’abord le transfert (netatmo-bridge import --undo-move, ou la page d’administration), puis exportez de nouveau.',
  'move.alreadyMovedEarlier':
    'La connexion Netatmo de cette passerelle a déjà été exportée auparavant. Utilisez ce fichier ; ou annulez d’abord le transfert (netatmo-bridge import --undo-move, ou la page d’administration), puis exportez de nouveau.',
  'move.tokenNotSaved':
    'L’autorisation Netatmo en service n’est pas enregistrée dans le fichier de données (le disque refuse les écritures) : elle ne peut pas être exportée sans risque. Réparez d’abord le fichier de données (voir la page d’état). Rien n’a été exporté.',
  'move.notMoved': 'Cette passerelle n’a pas été transférée : il n’y a rien à annuler.',

  'move.imported': 'Import terminé : la connexion Netatmo, les réglages, le jeton LAN et les installations de la SmartApp appartiennent désormais à cette passerelle.',
  'move.importedNoAccount': 'Réglages, jeton LAN et installations de la SmartApp importés (l’export ne contenait pas de connexion Netatmo).',
  'move.restarting': 'La passerelle redémarre maintenant pour utiliser les données importées.',
  'move.restartNeeded': 'Redémarrez la passerelle pour utiliser les données importées.',
};
