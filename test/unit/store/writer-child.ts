// Child process for lock.test.ts, a second writer on the same data directory. Not a test file.
//   append <dataDir> <prefix> <count>: appends `<prefix>-<i>` to settings.homeIds, one update each;
//   hold <dataDir>: starts one update whose rename never finishes and says "holding" (then waits
//   to be killed with SIGKILL, leaving its lock behind as a crashed bridge would).
import * as nodeFs from 'node:fs/promises';
import { openFileStore, type StoreFs } from '../../../src/store/index.js';
import { silentLogger } from '../../../src/util/logger.js';

const [mode, dataDir, prefix, count] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: writer-child append|hold <dataDir> [prefix count]');

if (mode === 'append') {
  const store = await openFileStore({ dataDir, logger: silentLogger() });
  process.stdout.write('ready\n');
  for (let i = 0; i < Number(count); i++) {
    await store.update((draft) => {
      draft.settings.homeIds = [...(draft.settings.homeIds ?? []), `${prefix}-${i}`];
    });
  }
  process.stdout.write('done\n');
} else {
  let stuck = false;
  const fs: StoreFs = {
    ...nodeFs,
    rename: ((from: string, to: string) => {
      if (!stuck) return nodeFs.rename(from, to);
      process.stdout.write('holding\n');
      return new Promise<void>(() => undefined);
    }) as StoreFs['rename'],
  };
  const store = await openFileStore({ dataDir, logger: silentLogger(), fs });
  stuck = true;
  void store.update((draft) => void (draft.state.revision = 999));
  setInterval(() => undefined, 60_000);
}
