// Français de `netatmo-bridge auth`.
import type { cliAuth } from '../en/cli-auth.js';
import type { Translation } from '../messages.js';

export const cliAuthFr: Translation<typeof cliAuth> = {
  'auth.summary': 'connecte Netatmo depuis le terminal (installations sans écran ; la passerelle doit être arrêtée)',
  'auth.details':
    'Demande l’identifiant et le secret client de votre application Netatmo s’ils ne sont pas définis (NETATMO_CLIENT_ID,\nNETATMO_CLIENT_SECRET, ou enregistrés plus tôt), affiche une adresse à ouvrir dans n’importe quel navigateur, puis lit\nl’adresse où le navigateur arrive. --redirect-uri doit être exactement l’URI de redirection enregistrée\nsur l’application sur dev.netatmo.com (par défaut http://localhost).',
  'auth.optRedirectUri': 'URI de redirection enregistrée sur votre application Netatmo (par défaut {uri})',
  'auth.badRedirect': '--redirect-uri doit être une adresse http:// ou https://, exactement celle enregistrée sur votre application Netatmo (reçu : {got}).',
  'auth.configProblems': 'La configuration a des problèmes ; lancez d’abord "{cli} doctor" :',
  'auth.running':
    'La passerelle est en marche à {url}. Connectez Netatmo sur sa page d’administration ({url}/admin), ou arrêtez-la (docker compose stop / systemctl stop netatmo-bridge) et relancez "{cli} auth".',
  'auth.redirectUri': 'URI de redirection : {uri} — ce doit être celle enregistrée sur votre application sur dev.netatmo.com.',
  'auth.redirectUriDefault':
    'URI de redirection : {uri} — ce doit être celle enregistrée sur votre application sur dev.netatmo.com (une autre ? relancez avec --redirect-uri <cette adresse>).',
  'auth.step1': '1. Ouvrez cette adresse dans n’importe quel navigateur (votre téléphone convient) et autorisez l’accès :',
  'auth.step2': '2. Le navigateur va ensuite sur {uri}?code=… et peut afficher une page d’erreur : c’est normal.',
  'auth.step3': '3. Copiez l’adresse complète depuis la barre d’adresse du navigateur et collez-la ici.',
  'auth.codeRefused':
    'Netatmo a refusé le code : {reason}. Vérifiez l’identifiant client, le secret et l’URI de redirection ; un code ne sert qu’une fois et expire après 10 minutes : relancez "{cli} auth".',
  'auth.notSaved':
    'Netatmo a accepté le code, mais les jetons n’ont pas pu être enregistrés dans {file} : {reason} Corrigez cela, puis relancez "{cli} auth" (un code ne sert qu’une fois).',
  'auth.notWritten': 'le fichier de données n’a pas pu être écrit.',
  'auth.connected': 'Connecté à Netatmo (autorisations : {scopes}). Jetons enregistrés dans {file}.',
  'auth.defaultScopes': 'par défaut',
  'auth.startAgain': 'Relancez la passerelle (netatmo-bridge start, npm start, docker compose start, ou systemctl start netatmo-bridge).',
  'auth.askCredentials':
    'Aucun identifiant ni secret client Netatmo n’est défini. Créez une application sur https://dev.netatmo.com/apps (nom au choix) et saisissez ses valeurs :',
  'auth.promptClientId': 'Identifiant client : ',
  'auth.promptClientSecret': 'Secret client : ',
  'auth.credentialsNeeded':
    'Il faut un identifiant client et un secret client (sans espaces) ; rien n’a changé. Ou définissez NETATMO_CLIENT_ID et NETATMO_CLIENT_SECRET dans .env.',
  'auth.promptAddress': 'Adresse : ',
  'auth.noAddress': 'Aucune adresse n’a été collée ; rien n’a changé.',
  'auth.stateMismatch': 'Cette adresse appartient à une autre tentative de connexion (son « state » ne correspond pas). Utilisez l’adresse affichée plus haut.',
};
