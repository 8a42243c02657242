import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The LAN load test (npm run test:load): 60 s of traffic, so it stays out of `npm test`
// (its file ends in .load.ts, which the default config does not include).
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('../..', import.meta.url)),
    include: ['test/load/**/*.load.ts'],
    environment: 'node',
    testTimeout: 180_000,
    hookTimeout: 30_000,
    pool: 'forks',
    reporters: ['default'],
  },
});
