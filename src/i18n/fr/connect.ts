// Français de la connexion à Netatmo depuis la page d’administration.
import type { connect } from '../en/connect.js';
import type { Translation } from '../messages.js';

export const connectFr: Translation<typeof connect> = {
  'connect.title': 'Connecter Netatmo',
  'connect.now': 'Actuellement : <strong>{state}</strong>',
  'connect.simulated': ' — cette passerelle fait tourner le logement de démo SIMULÉ. La connexion enregistre votre compte et redémarre la passerelle dessus.',
  'connect.startAgain': 'Recommencer',
  'connect.again': 'Reconnecter ou utiliser une autre application Netatmo',
  'connect.first': 'Se connecter avec votre application Netatmo',
  'connect.step1': 'Créez une application sur <apps>dev.netatmo.com → My apps</apps> (nom au choix).',
  'connect.step2':
    'Comme URI de redirection, enregistrez <callback>{url}</callback> — ou, si votre navigateur ne pourra pas joindre cette adresse plus tard, <code>http://localhost</code>.',
  'connect.step3':
    'Saisissez ci-dessous l’identifiant client et le secret de l’application, puis choisissez Connecter. Netatmo vous demande d’autoriser l’accès, puis vous revenez ici.',
  'connect.clientId': 'Identifiant client (client id)',
  'connect.clientSecret': 'Secret client (client secret)',
  'connect.secretKeep': 'Laissez vide pour garder le secret enregistré.',
  'connect.secretWhere': 'Affiché sur la page de votre application sur dev.netatmo.com.',
  'connect.returnLegend': 'Où Netatmo vous renvoie',
  'connect.returnBridge': 'Vers cette passerelle (<code>{url}</code>)',
  'connect.returnPaste': 'Une autre adresse enregistrée sur l’application — je collerai l’adresse où j’arrive',
  'connect.otherRedirect': 'Autre URI de redirection',
  'connect.button': 'Connecter Netatmo',
  'connect.finishTitle': 'Terminer la connexion',
  'connect.finishText':
    'Après votre autorisation, Netatmo a envoyé votre navigateur vers <code>{url}</code>. Cette page ne s’est sans doute pas chargée — c’est normal. Copiez l’<strong>adresse complète</strong> depuis la barre d’adresse du navigateur (elle contient <code>code=</code>) et collez-la ici.',
  'connect.addressLabel': 'Adresse où vous êtes arrivé',
  'connect.finishButton': 'Terminer la connexion',

  'connect.secretMissing': 'Saisissez le secret client de votre application Netatmo.',
  'connect.unknownTitle': 'Connexion non reconnue',
  'connect.unknownText':
    'Cette réponse de Netatmo n’appartient à aucune connexion commencée sur cette passerelle (ou elle date de plus de 15 minutes). Recommencez depuis la page d’administration.',
  'connect.failedTitle': 'Netatmo n’a pas été connecté',
  'connect.nothingPending': 'Aucune connexion n’attend d’être terminée (ou elle date de plus de 15 minutes). Recommencez.',
  'connect.stateMismatch':
    'Cette adresse appartient à une autre tentative de connexion (son « state » ne correspond pas). Collez l’adresse de la tentative que vous venez de faire, ou recommencez.',
  'connect.doneTitle': 'Netatmo connecté',
  'connect.doneNotSavedTitle': 'Netatmo connecté, mais pas enregistré',
  'connect.restarting':
    'Netatmo est connecté et enregistré. La passerelle redémarre maintenant sur votre vrai compte (le logement de démo disparaît) ; la page d’état revient dans quelques secondes. Reconnectez-vous ensuite.',
  'connect.restartYourself': 'Netatmo est connecté et enregistré. Redémarrez la passerelle pour quitter la démo et utiliser votre vrai compte.',
  'connect.homesFound_one': 'Netatmo est connecté : {count} logement trouvé.',
  'connect.homesFound_other': 'Netatmo est connecté : {count} logements trouvés.',
  'connect.firstReadPending': 'Netatmo est connecté. La première lecture n’est pas encore terminée ; la page d’état montre les logements dès qu’elle l’est.',
  'connect.notSaved':
    'Mais la passerelle n’a pas pu enregistrer la nouvelle autorisation dans son fichier de données : elle ne dure donc que jusqu’au prochain redémarrage. {reason} La passerelle l’enregistre d’elle-même dès que le fichier de données peut être écrit.',
  'connect.demoNotSaved':
    'Netatmo a accepté la connexion, mais la passerelle n’a pas pu l’enregistrer dans son fichier de données : elle ne peut donc pas quitter la démo. {reason} Connectez-vous ensuite à nouveau.',
  'connect.exchangeUnknown': 'La passerelle n’a pas pu terminer la connexion ; les détails sont dans son journal.',
  'connect.exchangeInvalidGrant':
    'Netatmo a refusé le code d’autorisation. Un code ne sert qu’une fois et pendant quelques minutes, et l’URI de redirection doit correspondre exactement à celle de l’application. Recommencez.',
  'connect.exchangeAuth': 'Netatmo n’accepte pas cet identifiant et ce secret client. Vérifiez-les sur dev.netatmo.com → My apps et recommencez.',
  'connect.exchangeBadRequest': 'Netatmo a refusé la demande{detail}. Vérifiez que l’URI de redirection correspond à celle enregistrée sur votre application.',
  'connect.exchangeUnreachable': 'Netatmo est injoignable ou surchargé : {reason}. Réessayez dans quelques minutes.',
  'connect.exchangeOther': 'Netatmo a répondu par une erreur : {reason}.',

  'redirect.empty': 'Collez l’adresse complète que votre navigateur affichait après votre autorisation.',
  'redirect.unreadable': 'Ceci ne ressemble pas à une adresse web. Collez l’adresse complète que votre navigateur affichait après votre autorisation.',
  'redirect.accessDenied': 'L’accès a été refusé sur la page de Netatmo. Recommencez et choisissez « Yes, I accept ».',
  'redirect.oauthError': 'Netatmo a répondu par l’erreur « {error} ». Recommencez la connexion.',
  'redirect.missingCode': 'L’adresse ne contient aucun code d’autorisation. Collez l’adresse de la page où vous êtes arrivé après avoir autorisé l’accès.',

  'form.csrfMissing': 'Il manque au formulaire son jeton de sécurité : rechargez la page et réessayez.',
  'form.passwordMissing': 'Saisissez le mot de passe d’administration.',
  'form.passwordTooLong': 'Ce mot de passe est trop long.',
  'form.tooLong': 'Cette valeur est trop longue.',
  'form.clientIdMissing': 'Saisissez l’identifiant client de votre application Netatmo.',
  'form.clientIdTooLong': 'L’identifiant client est trop long.',
  'form.clientIdSpaces': 'L’identifiant client ne peut pas contenir d’espaces.',
  'form.secretSpaces': 'Le secret client ne peut pas contenir d’espaces.',
  'form.redirectMode': 'Choisissez où Netatmo vous renvoie.',
  'form.redirectMissing': 'Saisissez l’URI de redirection enregistrée sur votre application Netatmo (par exemple http://localhost).',
  'form.redirectNotHttp': 'L’URI de redirection doit être une adresse web commençant par http:// ou https://.',
  'form.addressMissing': 'Collez l’adresse affichée par votre navigateur.',
  'form.addressTooLong': 'Cette adresse est trop longue.',
  'form.pollNotNumber': 'L’intervalle de lecture doit être un nombre de secondes.',
  'form.staleNotNumber': 'Le seuil de péremption doit être un nombre de secondes.',
  'form.pathChoice': 'Choisissez le réseau local ou le cloud comme voie préférée.',
  'form.unreadable': 'Le formulaire n’a pas pu être lu.',
  'form.pollRange': 'POLL_INTERVAL_S (l’intervalle de lecture) doit être un nombre entier de secondes de {min} à {max} (reçu : {got})',
  'form.staleRange': 'STALE_THRESHOLD_S (le seuil de péremption) doit être un nombre entier de secondes, au plus {max} secondes (un jour) (reçu : {got})',
  'form.staleRatio':
    'STALE_THRESHOLD_S (le seuil de péremption) doit valoir au moins deux fois POLL_INTERVAL_S (l’intervalle de lecture) : reçu {stale} et {poll} secondes ; sinon chaque lecture en retard marquerait les données comme périmées',
};
