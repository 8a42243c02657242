#!/usr/bin/env node
// `netatmo-bridge [command]` (installed with npm, or npm run status|pair|doctor|auth from a
// checkout): runs the bridge and the small tools for the machine it runs on. Reads the same
// configuration (.env / environment) and data directory as the bridge.
import { runCli } from './commands.js';
import { processIo } from './io.js';

// `netatmo-bridge doctor | head -3`: the reader went away; stop quietly, as a shell tool should.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

runCli(process.argv.slice(2), processIo()).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`netatmo-bridge: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
