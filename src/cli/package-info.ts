// Facts about the installed package itself: where it is, its version, and whether it runs from a
// source checkout (npm ci && npm start) or from an installed tarball (npm install -g, npx).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** dist/cli/x.js or src/cli/x.ts → the package's root directory. */
export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export const PACKAGE_VERSION = (JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** Sent by the CLI's requests to the bridge, so they do not count as a hub's poll. */
export const CLI_USER_AGENT = `netatmo-bridge-cli/${PACKAGE_VERSION}`;

/** The published tarball has no src/: its presence means a git checkout run with npm scripts. */
export function isSourceCheckout(root = PACKAGE_ROOT): boolean {
  return existsSync(path.join(root, 'src', 'main.ts'));
}

/** The bridge's entry point (dist/main.js) as an absolute path with links resolved, for the unit. */
export function bridgeEntryPoint(root = PACKAGE_ROOT): string {
  return path.join(root, 'dist', 'main.js');
}

/** This CLI's entry point, as the unit and the help texts name it. */
export function cliEntryPoint(root = PACKAGE_ROOT): string {
  return path.join(root, 'dist', 'cli', 'main.js');
}
