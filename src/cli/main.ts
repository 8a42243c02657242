#!/usr/bin/env node
// `netatmo-bridge <command>` (npx netatmo-bridge …, or npm run status|pair|doctor|auth): small
// tools for the machine the bridge runs on. Reads the same configuration (.env / environment)
// and data file as the bridge.
import { runCli } from './commands.js';
import { processIo } from './io.js';

runCli(process.argv.slice(2), processIo()).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`netatmo-bridge: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
