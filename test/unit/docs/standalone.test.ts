// The repository stands on its own: no file points at notes outside it, and every pointer into our
// docs (`docs/<page>.md#<section>`) names a section that exists, so a comment that says where a
// fact comes from can be followed. Only the conformance tests read ../shared/fixtures, where CI
// provides real captured payloads.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { filesUnder } from '../../helpers/repo-files.js';
import { REPO_ROOT } from '../../helpers/spawned-bridge.js';

const FILES = [
  'README.md',
  'driver/README.md',
  ...filesUnder('docs', /\.md$/),
  ...filesUnder('src', /\.(ts|md)$/),
  ...filesUnder('test', /\.(ts|md)$/),
  ...filesUnder('driver/src', /\.lua$/),
  ...filesUnder('driver/tests', /\.lua$/),
  ...filesUnder('bench', /\.ts$/),
  ...filesUnder('scripts', /\.m?js$/),
];

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  for (const line of markdown.split('\n')) {
    const heading = /^#{1,6}\s+(.+?)\s*$/.exec(line);
    if (!heading?.[1]) continue;
    const text = heading[1].replace(/`/g, '').toLowerCase();
    anchors.add(text.replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-'));
  }
  return anchors;
}

describe('the repository stands alone', () => {
  it('cites no notes that are not in the repository', () => {
    const outside = /netatmo-api\.md|smartthings-cloud\.md|edge-driver\.md|field-survey\.md|ARCHITECTURE\.md|LAN-API\.md|STYLE\.md|reference §|\.\.\/shared\/(reference|design)/;
    const citing = FILES.filter((file) => file !== 'test/unit/docs/standalone.test.ts' && outside.test(readFileSync(path.join(REPO_ROOT, file), 'utf8')));
    expect(citing).toEqual([]);
  });

  it('reads ../shared only in the conformance tests and their fixture loader', () => {
    const allowed = (file: string) => file.startsWith('test/conformance/') || file === 'test/helpers/netatmo-fixtures.ts' || file === 'test/unit/docs/standalone.test.ts';
    const reading = FILES.filter((file) => !allowed(file) && readFileSync(path.join(REPO_ROOT, file), 'utf8').includes('../shared'));
    expect(reading).toEqual([]);
  });

  it('every docs/<page>.md#<section> pointer names a section that exists', () => {
    const pages = new Map(filesUnder('docs', /\.md$/).map((file) => [path.basename(file), anchorsOf(readFileSync(path.join(REPO_ROOT, file), 'utf8'))]));
    const broken: string[] = [];
    let checked = 0;
    for (const file of FILES) {
      const text = readFileSync(path.join(REPO_ROOT, file), 'utf8');
      for (const match of text.matchAll(/docs\/([a-z-]+\.md)#([\p{L}\p{N}_-]+)/gu)) {
        checked += 1;
        const [, page = '', anchor = ''] = match;
        if (!pages.get(page)?.has(anchor)) broken.push(`${file}: docs/${page}#${anchor}`);
      }
    }
    expect(broken).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(25);
  });
});
