// `netatmo-bridge auth` (npm run auth): connects Netatmo from a terminal, for machines without a
// browser (a Pi over SSH, a NAS). Asks for the Netatmo app's client id and secret when none are
// configured, prints the authorize address; the user opens it anywhere, allows access, and pastes
// the address the browser ended on (the redirect URI plus ?code=…, which may fail to load — that
// is expected). The token manager exchanges the code and saves client id/secret and the token pair
// in one write, under the data file's lock like every writer. The bridge must be stopped: a running
// bridge would go on with its own sign-in.
import { randomBytes } from 'node:crypto';
import { buildAuthorizeUrl, parseRedirectedUrl } from '../netatmo/oauth.js';
import type { ConnectResult } from '../netatmo/tokens.js';
import type { NetatmoCredentials } from '../store/types.js';
import { stringValue, type ParsedArgs } from './args.js';
import { DATA_DIR_OPTION, type Command } from './command.js';
import { bridgeIsRunning, loadInstallation, offlineTokens } from './installation.js';
import { cliName, complain, say, type CliIo } from './io.js';
import { LineReader } from './prompt.js';

export const DEFAULT_REDIRECT_URI = 'http://localhost';

export const authCommand: Command = {
  name: 'auth',
  summary: 'connect Netatmo from the terminal (headless installs; the bridge must be stopped)',
  usage: 'auth [--redirect-uri URI] [--data-dir DIR]',
  details: [
    'Asks for your Netatmo app\'s client id and secret when they are not set (NETATMO_CLIENT_ID,',
    'NETATMO_CLIENT_SECRET, or saved earlier), prints an address to open in any browser, and reads',
    'back the address the browser ends on. --redirect-uri must be exactly the redirect URI registered',
    'on the app at dev.netatmo.com (default http://localhost).',
  ],
  args: {
    options: {
      'redirect-uri': { type: 'string', value: 'URI', help: `redirect URI registered on your Netatmo app (default ${DEFAULT_REDIRECT_URI})` },
      'data-dir': DATA_DIR_OPTION,
    },
  },
  run: (args, io) => runAuth(args, io),
};

async function runAuth(args: ParsedArgs, io: CliIo): Promise<number> {
  const redirectUri = stringValue(args, 'redirect-uri') ?? DEFAULT_REDIRECT_URI;
  if (!/^https?:\/\/\S+$/.test(redirectUri)) {
    complain(io, `--redirect-uri must be an http:// or https:// address, exactly as registered on your Netatmo app (got ${JSON.stringify(redirectUri)}).`);
    return 1;
  }
  const installation = loadInstallation(io, { dataDir: stringValue(args, 'data-dir') });
  if (installation.configProblems.length > 0) {
    complain(io, `The configuration has problems; run "${cliName()} doctor" first:\n  - ${installation.configProblems.join('\n  - ')}`);
    return 1;
  }
  const { config } = installation;
  if (await bridgeIsRunning(installation.bridgeUrl)) {
    complain(io, `The bridge is running at ${installation.bridgeUrl}. Either connect Netatmo on its admin page (${installation.bridgeUrl}/admin), or stop it (docker compose stop / systemctl stop netatmo-bridge) and run "${cliName()} auth" again.`);
    return 1;
  }
  const { store, tokens } = await offlineTokens(config);
  const reader = new LineReader(io);
  try {
    // Typed credentials are saved only together with the pair they get (nothing is written before).
    const credentials = tokens.credentials() ?? (await askCredentials(io, reader));
    if (!credentials) return 1;
    const state = randomBytes(12).toString('hex');
    const url = buildAuthorizeUrl({ apiUrl: config.netatmo.apiUrl, clientId: credentials.clientId, redirectUri, state });
    say(io, `Redirect URI: ${redirectUri} — it must be the one registered on your app at dev.netatmo.com${redirectUri === DEFAULT_REDIRECT_URI ? ' (another one? run again with --redirect-uri <that address>)' : ''}.`);
    say(io, '1. Open this address in any browser (your phone is fine) and allow access:');
    say(io, `   ${url}`);
    say(io, `2. The browser then goes to ${redirectUri}?code=… and may show an error page: that is expected.`);
    say(io, '3. Copy the whole address from the browser’s address bar and paste it here.');
    const code = await readCode(io, reader, state);
    if (code === null) return 1;
    let result: ConnectResult;
    try {
      result = await tokens.connect(credentials, { kind: 'authorization_code', code, redirectUri });
    } catch (error) {
      complain(io, `Netatmo refused the code: ${error instanceof Error ? error.message : String(error)}. Check the client id, secret and redirect URI; codes are single use and expire after 10 minutes: run "${cliName()} auth" again.`);
      return 1;
    }
    await store.flush();
    if (!result.saved) {
      complain(io, `Netatmo accepted the code, but the tokens could not be saved to ${store.filePath}: ${result.notSavedBecause ?? 'the data file could not be written.'} Fix that, then run "${cliName()} auth" again (a code works only once).`);
      return 1;
    }
    say(io, `Connected to Netatmo (scopes: ${result.tokens.scope.join(', ') || 'default'}). Tokens saved to ${store.filePath}.`);
    say(io, 'Start the bridge again (netatmo-bridge start, npm start, docker compose start, or systemctl start netatmo-bridge).');
    return 0;
  } finally {
    reader.close();
  }
}

async function askCredentials(io: CliIo, reader: LineReader): Promise<NetatmoCredentials | null> {
  say(io, 'No Netatmo client id and secret are set. Create an app at https://dev.netatmo.com/apps (any name) and enter its values:');
  const clientId = (await reader.ask('Client id: '))?.trim() ?? '';
  const clientSecret = (await reader.ask('Client secret: '))?.trim() ?? '';
  if (!clientId || !clientSecret || /\s/.test(clientId + clientSecret)) {
    complain(io, 'A client id and a client secret (no spaces) are needed; nothing changed. Or set NETATMO_CLIENT_ID and NETATMO_CLIENT_SECRET in .env.');
    return null;
  }
  return { clientId, clientSecret };
}

async function readCode(io: CliIo, reader: LineReader, state: string): Promise<string | null> {
  const pasted = await reader.ask('Address: ');
  if (pasted === null) {
    complain(io, 'No address was pasted; nothing changed.');
    return null;
  }
  const parsed = parseRedirectedUrl(pasted);
  if (!parsed.ok) {
    complain(io, parsed.message);
    return null;
  }
  if (parsed.state !== null && parsed.state !== state) {
    complain(io, 'That address belongs to another connection attempt (its state does not match). Use the address printed above.');
    return null;
  }
  return parsed.code;
}
