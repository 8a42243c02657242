// English of `netatmo-bridge auth` (src/cli/auth.ts).
export const cliAuth = {
  'auth.summary': 'connect Netatmo from the terminal (headless installs; the bridge must be stopped)',
  'auth.details':
    "Asks for your Netatmo app's client id and secret when they are not set (NETATMO_CLIENT_ID,\nNETATMO_CLIENT_SECRET, or saved earlier), prints an address to open in any browser, and reads\nback the address the browser ends on. --redirect-uri must be exactly the redirect URI registered\non the app at dev.netatmo.com (default http://localhost).",
  'auth.optRedirectUri': 'redirect URI registered on your Netatmo app (default {uri})',
  'auth.badRedirect': '--redirect-uri must be an http:// or https:// address, exactly as registered on your Netatmo app (got {got}).',
  'auth.configProblems': 'The configuration has problems; run "{cli} doctor" first:',
  'auth.running':
    'The bridge is running at {url}. Either connect Netatmo on its admin page ({url}/admin), or stop it (docker compose stop / systemctl stop netatmo-bridge) and run "{cli} auth" again.',
  'auth.redirectUri': 'Redirect URI: {uri} — it must be the one registered on your app at dev.netatmo.com.',
  'auth.redirectUriDefault': 'Redirect URI: {uri} — it must be the one registered on your app at dev.netatmo.com (another one? run again with --redirect-uri <that address>).',
  'auth.step1': '1. Open this address in any browser (your phone is fine) and allow access:',
  'auth.step2': '2. The browser then goes to {uri}?code=… and may show an error page: that is expected.',
  'auth.step3': '3. Copy the whole address from the browser’s address bar and paste it here.',
  'auth.codeRefused':
    'Netatmo refused the code: {reason}. Check the client id, secret and redirect URI; codes are single use and expire after 10 minutes: run "{cli} auth" again.',
  'auth.notSaved': 'Netatmo accepted the code, but the tokens could not be saved to {file}: {reason} Fix that, then run "{cli} auth" again (a code works only once).',
  'auth.notWritten': 'the data file could not be written.',
  'auth.connected': 'Connected to Netatmo (scopes: {scopes}). Tokens saved to {file}.',
  'auth.defaultScopes': 'default',
  'auth.startAgain': 'Start the bridge again (netatmo-bridge start, npm start, docker compose start, or systemctl start netatmo-bridge).',
  'auth.askCredentials': 'No Netatmo client id and secret are set. Create an app at https://dev.netatmo.com/apps (any name) and enter its values:',
  'auth.promptClientId': 'Client id: ',
  'auth.promptClientSecret': 'Client secret: ',
  'auth.credentialsNeeded': 'A client id and a client secret (no spaces) are needed; nothing changed. Or set NETATMO_CLIENT_ID and NETATMO_CLIENT_SECRET in .env.',
  'auth.promptAddress': 'Address: ',
  'auth.noAddress': 'No address was pasted; nothing changed.',
  'auth.stateMismatch': 'That address belongs to another connection attempt (its state does not match). Use the address printed above.',
} as const;
