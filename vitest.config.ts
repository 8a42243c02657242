import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Integration tests start real HTTP servers on random loopback ports; forks keep them isolated.
    pool: 'forks',
    reporters: ['default'],
    // The CLI follows the locale (src/i18n): tests that read its English words run in the C locale
    // whatever the machine's; the French tests set LANG themselves.
    env: { LANG: 'C.UTF-8', LC_ALL: '', LC_MESSAGES: '', LANGUAGE: '' },
  },
});
