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
import { redirectProblemText } from '../i18n/redirect-words.js';
import type { Translator } from '../i18n/translator.js';
import { cliName, cliTranslator, complain, say, type CliIo } from './io.js';
import { LineReader } from './prompt.js';

export const DEFAULT_REDIRECT_URI = 'http://localhost';

export const authCommand: Command = {
  name: 'auth',
  summary: (tr) => tr.t('auth.summary'),
  usage: 'auth [--redirect-uri URI] [--data-dir DIR]',
  details: (tr) => tr.t('auth.details'),
  args: {
    options: {
      'redirect-uri': { type: 'string', value: 'URI', help: (tr) => tr.t('auth.optRedirectUri', { uri: DEFAULT_REDIRECT_URI }) },
      'data-dir': DATA_DIR_OPTION,
    },
  },
  run: (args, io) => runAuth(args, io),
};

async function runAuth(args: ParsedArgs, io: CliIo): Promise<number> {
  const tr = cliTranslator(io);
  const cli = cliName();
  const redirectUri = stringValue(args, 'redirect-uri') ?? DEFAULT_REDIRECT_URI;
  if (!/^https?:\/\/\S+$/.test(redirectUri)) {
    complain(io, tr.t('auth.badRedirect', { got: JSON.stringify(redirectUri) }));
    return 1;
  }
  const installation = loadInstallation(io, { dataDir: stringValue(args, 'data-dir') });
  if (installation.configProblems.length > 0) {
    complain(io, `${tr.t('auth.configProblems', { cli })}\n  - ${installation.configProblems.join('\n  - ')}`);
    return 1;
  }
  const { config } = installation;
  if (await bridgeIsRunning(installation.bridgeUrl)) {
    complain(io, tr.t('auth.running', { url: installation.bridgeUrl, cli }));
    return 1;
  }
  const { store, tokens } = await offlineTokens(config);
  const reader = new LineReader(io);
  try {
    // Typed credentials are saved only together with the pair they get (nothing is written before).
    const credentials = tokens.credentials() ?? (await askCredentials(io, reader, tr));
    if (!credentials) return 1;
    const state = randomBytes(12).toString('hex');
    const url = buildAuthorizeUrl({ apiUrl: config.netatmo.apiUrl, clientId: credentials.clientId, redirectUri, state });
    say(io, tr.t(redirectUri === DEFAULT_REDIRECT_URI ? 'auth.redirectUriDefault' : 'auth.redirectUri', { uri: redirectUri }));
    say(io, tr.t('auth.step1'));
    say(io, `   ${url}`);
    say(io, tr.t('auth.step2', { uri: redirectUri }));
    say(io, tr.t('auth.step3'));
    const code = await readCode(io, reader, state, tr);
    if (code === null) return 1;
    let result: ConnectResult;
    try {
      result = await tokens.connect(credentials, { kind: 'authorization_code', code, redirectUri });
    } catch (error) {
      complain(io, tr.t('auth.codeRefused', { reason: error instanceof Error ? error.message : String(error), cli }));
      return 1;
    }
    await store.flush();
    if (!result.saved) {
      complain(io, tr.t('auth.notSaved', { file: store.filePath, reason: result.notSavedBecause ?? tr.t('auth.notWritten'), cli }));
      return 1;
    }
    say(io, tr.t('auth.connected', { scopes: result.tokens.scope.join(', ') || tr.t('auth.defaultScopes'), file: store.filePath }));
    say(io, tr.t('auth.startAgain'));
    return 0;
  } finally {
    reader.close();
  }
}

async function askCredentials(io: CliIo, reader: LineReader, tr: Translator): Promise<NetatmoCredentials | null> {
  say(io, tr.t('auth.askCredentials'));
  const clientId = (await reader.ask(tr.t('auth.promptClientId')))?.trim() ?? '';
  const clientSecret = (await reader.ask(tr.t('auth.promptClientSecret')))?.trim() ?? '';
  if (!clientId || !clientSecret || /\s/.test(clientId + clientSecret)) {
    complain(io, tr.t('auth.credentialsNeeded'));
    return null;
  }
  return { clientId, clientSecret };
}

async function readCode(io: CliIo, reader: LineReader, state: string, tr: Translator): Promise<string | null> {
  const pasted = await reader.ask(tr.t('auth.promptAddress'));
  if (pasted === null) {
    complain(io, tr.t('auth.noAddress'));
    return null;
  }
  const parsed = parseRedirectedUrl(pasted);
  if (!parsed.ok) {
    complain(io, redirectProblemText(parsed, tr));
    return null;
  }
  if (parsed.state !== null && parsed.state !== state) {
    complain(io, tr.t('auth.stateMismatch'));
    return null;
  }
  return parsed.code;
}
