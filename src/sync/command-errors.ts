// A failed Netatmo write → the CommandError the LAN API and the SmartApp show. Netatmo's own code
// and text travel in `details` when Netatmo refused; messages stay free of tokens (NetatmoError
// already redacts them).
import type { NetatmoErrorKind } from '../model/types.js';
import { NetatmoError } from '../netatmo/errors.js';
import { CommandError, type CommandErrorCode } from './command-types.js';

/** When Netatmo (or our budget) gives no Retry-After, ask the client to wait this long. */
export const DEFAULT_RETRY_AFTER_S = 60;

/** How a kind of Netatmo failure is told to a client (also used for failed refresh polls). */
export function codeForKind(kind: NetatmoErrorKind): CommandErrorCode {
  switch (kind) {
    case 'rate_limited':
      return 'rate_limited';
    case 'auth':
    case 'invalid_grant':
      return 'auth_required';
    case 'not_configured':
      return 'not_configured';
    case 'moved':
      return 'moved';
    case 'overloaded':
    case 'server':
    case 'timeout':
    case 'network':
    case 'malformed':
      return 'netatmo_unavailable';
    case 'bad_request':
    case 'device_not_found':
    case 'forbidden':
    case 'relay_offline':
    case 'unknown':
      return 'netatmo_error';
  }
}

export function toCommandError(error: unknown): CommandError {
  if (error instanceof CommandError) return error;
  if (!(error instanceof NetatmoError)) {
    return new CommandError('netatmo_unavailable', 'The command could not be sent to Netatmo because of an unexpected error; the details are in the bridge log.');
  }
  const code = codeForKind(error.kind);
  switch (code) {
    case 'rate_limited':
      return new CommandError(code, error.message, undefined, error.retryAfterS ?? DEFAULT_RETRY_AFTER_S);
    case 'netatmo_error': {
      const said = error.netatmoMessage ? `: ${error.netatmoMessage}` : '';
      const codeText = error.code === null ? '' : ` (code ${error.code})`;
      return new CommandError(code, `Netatmo refused the command${said}${codeText}.`, { netatmoCode: error.code, netatmoMessage: error.netatmoMessage });
    }
    case 'netatmo_unavailable':
      return new CommandError(code, error.message, undefined, error.retryAfterS ?? undefined);
    default:
      return new CommandError(code, error.message);
  }
}
