// Holding the token manager still while the data file changes hands (export to another machine,
// import from one): no token request may start while a hold is on, so a refresh of the pair being
// exported (or replaced) can never land after the data file was written. Requests that arrive
// during a hold wait for it to end, then check again whether they may go (a moved connection may not).
// Also here: the error a token request gets when the manager may not ask Netatmo at all.
import { NetatmoError } from './errors.js';
import { TOKEN_ENDPOINT } from './token-endpoint.js';
import type { TokenStatus } from './token-types.js';
export class RequestGate {
  #holds = 0;
  #opened: Promise<void> = Promise.resolve();
  #open: () => void = () => undefined;

  get held(): boolean {
    return this.#holds > 0;
  }

  /** Closes the gate; the returned function opens it again (once). */
  close(): () => void {
    if (this.#holds === 0) {
      this.#opened = new Promise((resolve) => {
        this.#open = resolve;
      });
    }
    this.#holds += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#holds -= 1;
      if (this.#holds === 0) this.#open();
    };
  }

  /** Resolves at once while open, else when the last hold ends. */
  passed(): Promise<void> {
    return this.#opened;
  }
}

/** Why no token request may go out in this status (anything but ok). */
export function refusalFor(status: Exclude<TokenStatus, 'ok'>, facts: { lastError: NetatmoError | null; hasCredentials: boolean; movedAt: string | null }): NetatmoError {
  if (status === 'moved') {
    const when = facts.movedAt ? ` on ${facts.movedAt}` : '';
    return new NetatmoError({ kind: 'moved', endpoint: TOKEN_ENDPOINT, message: `The Netatmo connection was moved to another machine${when}; this bridge no longer calls Netatmo` });
  }
  if (status === 'auth_required') {
    return facts.lastError ?? new NetatmoError({ kind: 'invalid_grant', endpoint: TOKEN_ENDPOINT, message: 'Netatmo needs to be reconnected on the status page' });
  }
  return new NetatmoError({
    kind: 'not_configured',
    endpoint: TOKEN_ENDPOINT,
    message: facts.hasCredentials
      ? 'Netatmo is not connected yet: connect it on the status page'
      : 'Netatmo client id and secret are not set: enter them on the status page or set NETATMO_CLIENT_ID and NETATMO_CLIENT_SECRET',
  });
}
