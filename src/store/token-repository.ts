// The data file as the token manager's repository (the port is src/netatmo/token-repository.ts):
// the pair and its credentials live in the store's netatmo section.
import type { TokenRepository, TokenSave } from '../netatmo/token-repository.js';
import type { Store } from './store.js';

export function storeTokenRepository(store: Store): TokenRepository {
  return {
    savedTokens: () => store.data.netatmo.tokens,
    savedCredentials: () => store.data.netatmo.credentials,
    movedAt: () => store.data.netatmo.moved?.at ?? null,
    reload: async () => (await store.reload()).netatmo.tokens,
    save: (pair: TokenSave) =>
      store.update((draft) => {
        draft.netatmo.tokens = pair.tokens;
        if (!pair.credentials) return;
        draft.netatmo.credentials = pair.credentials;
        // A new connection (connect()) starts afresh on this machine: a move away is over.
        draft.netatmo.moved = null;
      }),
    problem: () => store.problem()?.message ?? null,
  };
}
