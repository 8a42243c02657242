// `npm run auth`: connects Netatmo from a terminal, for machines without a browser (a Pi over SSH,
// a NAS). Prints the authorize address; the user opens it anywhere, allows access, and pastes the
// address the browser ended on (http://localhost/?code=…, which fails to load — that is expected).
// The code is exchanged and the token pair saved to the data file (under the data file's lock, like
// every writer). The bridge must be stopped: a running bridge would go on with its own sign-in.
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline/promises';
import { buildAuthorizeUrl, parseRedirectedUrl } from '../netatmo/oauth.js';
import { bridgeIsRunning, loadInstallation, offlineTokens } from './installation.js';
import { complain, option, say, type CliIo } from './io.js';

export const DEFAULT_REDIRECT_URI = 'http://localhost';

async function readOneLine(io: CliIo, prompt: string): Promise<string | null> {
  const rl = createInterface({ input: io.stdin, output: io.interactive ? io.stdout : undefined, terminal: io.interactive });
  try {
    const closed = new Promise<null>((resolve) => rl.once('close', () => resolve(null)));
    return await Promise.race([rl.question(io.interactive ? prompt : ''), closed]);
  } finally {
    rl.close();
  }
}

export async function authCommand(args: readonly string[], io: CliIo): Promise<number> {
  const installation = loadInstallation(io, args);
  if (installation.configProblems.length > 0) {
    complain(io, `The configuration has problems; run "npm run doctor" first:\n  - ${installation.configProblems.join('\n  - ')}`);
    return 1;
  }
  const { config } = installation;
  if (await bridgeIsRunning(installation.bridgeUrl)) {
    complain(io, `The bridge is running at ${installation.bridgeUrl}. Either connect Netatmo on its status page, or stop it (docker compose stop / systemctl stop netatmo-bridge) and run "npm run auth" again.`);
    return 1;
  }
  const { store, tokens } = await offlineTokens(config);
  const credentials = tokens.credentials();
  if (!credentials) {
    complain(io, 'Set NETATMO_CLIENT_ID and NETATMO_CLIENT_SECRET first (in .env; create an app at dev.netatmo.com), then run "npm run auth" again.');
    return 1;
  }
  const redirectUri = option(args, 'redirect-uri') ?? DEFAULT_REDIRECT_URI;
  const state = randomBytes(12).toString('hex');
  const url = buildAuthorizeUrl({ apiUrl: config.netatmo.apiUrl, clientId: credentials.clientId, redirectUri, state });
  say(io, '1. Open this address in any browser (your phone is fine) and allow access:');
  say(io, `   ${url}`);
  say(io, `2. The browser then goes to ${redirectUri}/?code=… and shows an error page: that is expected.`);
  say(io, '3. Copy the whole address from the browser’s address bar and paste it here.');
  const pasted = await readOneLine(io, 'Address: ');
  if (pasted === null) {
    complain(io, 'No address was pasted; nothing changed.');
    return 1;
  }
  const parsed = parseRedirectedUrl(pasted);
  if (!parsed.ok) {
    complain(io, parsed.message);
    return 1;
  }
  if (parsed.state !== null && parsed.state !== state) {
    complain(io, 'That address belongs to another connection attempt (its state does not match). Use the address printed above.');
    return 1;
  }
  let result;
  try {
    result = await tokens.connect(credentials, { kind: 'authorization_code', code: parsed.code, redirectUri });
  } catch (error) {
    complain(io, `Netatmo refused the code: ${error instanceof Error ? error.message : String(error)}. Codes are single use and expire after 10 minutes: run "npm run auth" again.`);
    return 1;
  }
  await store.flush();
  if (!result.saved) {
    complain(io, `Netatmo accepted the code, but the tokens could not be saved to ${store.filePath}: ${result.notSavedBecause ?? 'the data file could not be written'} Fix that, then run "npm run auth" again (the code cannot be used twice).`);
    return 1;
  }
  say(io, `Connected to Netatmo (scopes: ${result.tokens.scope.join(', ') || 'default'}). Tokens saved to ${store.filePath}.`);
  say(io, 'Start the bridge again (npm start, docker compose start, or systemctl start netatmo-bridge).');
  return 0;
}
