// Files of the repository by folder and name pattern, as paths relative to its root (for tests that
// read the tree: docs pointers, page texts).
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './spawned-bridge.js';

export function filesUnder(dir: string, pattern: RegExp): string[] {
  return readdirSync(path.join(REPO_ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && pattern.test(e.name))
    .map((e) => path.relative(REPO_ROOT, path.join(e.parentPath, e.name)));
}
