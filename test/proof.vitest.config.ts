import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// `npm run test:proof`: the heavy proofs at full size, after a build so the crash test
// can spawn dist/main.js. `npm test` runs the same files at their default sizes (fuzz 10,000,
// soak 7 days, bridge crash 3 rounds, store crash 20 rounds, token race 5 rounds; multi-home
// account 3 h, 24 h here).
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: ['test/integration/crash-*.test.ts', 'test/unit/store/crash-safety.test.ts', 'test/fuzz/**/*.test.ts', 'test/soak/**/*.test.ts', 'test/integration/fault-*.test.ts'],
    environment: 'node',
    testTimeout: 600_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // One file at a time: the crash test's kill timing should not compete with the fuzzer for 2 cores.
    fileParallelism: false,
    env: { CRASH_ROUNDS: '100', CRASH_BRIDGE_ROUNDS: '100', CRASH_USE_DIST: '1', FUZZ_RUNS: '10000', SOAK_DAYS: '7', MULTI_HOME_HOURS: '24', TOKEN_RACE_ROUNDS: '200' },
    reporters: ['default'],
  },
});
