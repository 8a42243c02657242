// Français des vérifications de la SmartApp : le compte Netatmo saisi et les réglages refusés.
import type { smartappChecks } from '../en/smartapp-checks.js';
import type { Translation } from '../messages.js';

export const smartappChecksFr: Translation<typeof smartappChecks> = {
  'account.missing':
    'Saisissez l’identifiant client, le secret client et un jeton de renouvellement de votre application sur dev.netatmo.com (ou utilisez le compte déjà connecté à la passerelle).',
  'account.alreadyAccepted': 'Netatmo a accepté ces identifiants ; la passerelle garde elle-même ses jetons à jour.',
  'account.acceptedNotSaved':
    'Netatmo a accepté ces identifiants et la passerelle utilise ce compte, mais elle n’a pas pu les enregistrer dans son fichier de données : ils ne durent que jusqu’au prochain redémarrage. Consultez la page d’état de la passerelle.',
  'account.accepted': 'Netatmo a accepté ces identifiants. La passerelle utilise maintenant ce compte.',
  'account.bridgeOk': 'Utilisation du compte Netatmo déjà connecté à cette passerelle.',
  'account.bridgeNotSaved':
    'Utilisation du compte Netatmo connecté à cette passerelle, mais son autorisation n’est pas encore enregistrée (la passerelle ne peut pas écrire son fichier de données) : consultez la page d’état de la passerelle.',
  'account.bridgeAuthRequired':
    'La passerelle doit être reconnectée à Netatmo : ouvrez sa page d’état, ou désactivez cette option et saisissez de nouveaux identifiants.',
  'account.bridgeNotConfigured':
    'Cette passerelle n’est pas encore connectée à Netatmo : désactivez cette option et saisissez les identifiants de votre application Netatmo.',
  'account.bridgeMoved':
    'La connexion Netatmo de cette passerelle a été transférée vers une autre machine : installez la SmartApp sur la nouvelle passerelle, ou annulez le transfert sur la page d’administration de celle-ci.',
  'account.unexpected': 'La vérification a échoué de façon inattendue ; réessayez.',
  'account.invalidGrant':
    'Netatmo a refusé le jeton de renouvellement : il est faux ou a déjà servi (Netatmo n’accepte chaque jeton qu’une fois). Générez-en un nouveau sur dev.netatmo.com.',
  'account.auth': 'Netatmo a refusé l’identifiant ou le secret client. Recopiez-les depuis votre application sur dev.netatmo.com.',
  'account.slowDown': 'Netatmo demande de ralentir ; attendez quelques minutes et réessayez.',
  'account.unreachable': 'Netatmo est injoignable ; vérifiez la connexion internet de la passerelle et réessayez.',
  'account.refused': 'Netatmo a refusé les identifiants ({kind}).',

  'setting.wholeNumber': '{label} doit être un nombre entier de {min} à {max} (reçu : {got}).',
  'setting.pollWholeNumber': '{label} doit être un nombre entier de secondes, au moins {min} et au plus {max} (reçu : {got}).',
  'setting.pollTooLong':
    '{label} vaut au plus {max} s : la moitié du seuil de péremption ({stale} s, réglé sur la page d’administration de la passerelle), sinon une seule lecture en retard marquerait tous les appareils hors ligne (reçu : {got}).',
  'setting.profileId':
    '"{got}" n’est pas un identifiant de profil d’appareil : copiez l’identifiant (8-4-4-4-12 lettres et chiffres) que liste "smartthings deviceprofiles".',
};
