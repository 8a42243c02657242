// Where the admin password comes from: ADMIN_PASSWORD, else the scrypt hash in the data file, else
// a new random password generated now, printed ONCE to the log and stored only as its hash.
import type { Store } from '../../store/index.js';
import type { Logger } from '../../util/logger.js';
import { generatePassword, hashPassword, verifyPassword } from './password.js';

export interface AdminPassword {
  source: 'environment' | 'data_file' | 'generated';
  verify(candidate: string): Promise<boolean>;
}

export async function prepareAdminPassword(options: { store: Store; configured: string | undefined; logger: Logger }): Promise<AdminPassword> {
  const { store, configured, logger } = options;
  if (configured) {
    const hash = await hashPassword(configured);
    return { source: 'environment', verify: (candidate) => verifyPassword(candidate, hash) };
  }
  const stored = store.data.web.adminPasswordHash;
  if (stored) return { source: 'data_file', verify: (candidate) => verifyPassword(candidate, stored) };

  const password = generatePassword();
  const hash = await hashPassword(password);
  try {
    await store.update((draft) => {
      draft.web.adminPasswordHash = hash;
    });
  } catch (error) {
    // Still usable for this run; the next start generates (and prints) another one.
    logger.error({ err: error }, 'could not save the admin password hash; a new password will be generated at the next start');
  }
  // The one deliberate secret in the log: the user needs it once and it is never shown again.
  logger.warn(`ADMIN PASSWORD for the status page (shown only this once, write it down): ${password}`);
  logger.info('To choose your own admin password, set ADMIN_PASSWORD (see docs/web.md).');
  return { source: 'generated', verify: (candidate) => verifyPassword(candidate, hash) };
}
