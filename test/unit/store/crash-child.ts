// Child process for crash-safety.test.ts: opens the store in argv[2] and rotates the "refresh token"
// as fast as it can, printing each sequence number once its write is on disk. The parent kills it
// with SIGKILL at a random moment. Not a test file (no .test.ts suffix).
import { openFileStore } from '../../../src/store/index.js';
import { silentLogger } from '../../../src/util/logger.js';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: crash-child <dataDir>');
const store = await openFileStore({ dataDir, logger: silentLogger() });
let sequence = store.data.state.revision;
process.stdout.write(`ready ${sequence}\n`);
for (;;) {
  sequence++;
  const value = sequence;
  await store.update((draft) => {
    draft.netatmo.tokens = {
      accessToken: `access-${value}`,
      refreshToken: `rt-${value}`,
      expiresAt: new Date(Date.now() + 10_800_000).toISOString(),
      scope: ['read_thermostat'],
      obtainedAt: new Date().toISOString(),
    };
    draft.state.revision = value;
    // Some bulk so a write is not a single disk block.
    draft.state.homes = [{ id: `home-${value}`, rooms: Array.from({ length: 30 }, (_, i) => ({ id: `room-${i}` })) }] as never;
  });
  // Pipes are synchronous on Linux: once written, the parent has this line even after SIGKILL.
  process.stdout.write(`ok ${value}\n`);
}
