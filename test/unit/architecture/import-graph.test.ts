// The layering of docs/architecture.md, checked on the code: which module of src/ may import which
// (type-only imports count: a type import is a dependency too), and no import cycle, neither
// between files nor between modules. A module is a folder of src/ ('netatmo/') or a file at its
// top ('http-server.ts').
import { describe, expect, it } from 'vitest';
import { importCycles, importEdges, readSourceTree, type ImportEdge } from './source-tree.js';

interface LayerRule {
  module: string;
  /** When set, the only modules of ours it may import besides itself: a folder ('util/') or one file ('sync/poll-timing.ts'). */
  onlyOurs?: string[];
  /** Modules of ours or packages it must not import. */
  never?: string[];
  why: string;
}

const FEATURES = ['lan/', 'local/', 'ops/', 'web/', 'webhook/', 'smartthings/'];

// The documented layering (docs/architecture.md, "Which module may import which"), one line per rule.
const LAYERS: LayerRule[] = [
  { module: 'model/', onlyOurs: [], why: 'the domain model is pure: it imports nothing of ours' },
  { module: 'util/', onlyOurs: [], why: 'helpers sit below everything else' },
  { module: 'core/', onlyOurs: ['model/', 'util/'], why: 'the feature contract and the events know no feature and no service' },
  { module: 'config/', onlyOurs: ['util/'], why: 'configuration is read before anything is built' },
  { module: 'store/', onlyOurs: ['model/', 'util/', 'netatmo/token-repository.ts'], why: 'the data file knows no feature; it implements the token repository port of netatmo/' },
  { module: 'netatmo/', onlyOurs: ['core/', 'model/', 'util/'], why: 'the Netatmo adapter owns its ports (token repository); store/ implements them' },
  { module: 'polling/', onlyOurs: ['model/', 'util/', 'store/', 'sync/poll-timing.ts'], why: 'the policies implement the poll timer\'s interface and save what they learnt' },
  { module: 'sync/', onlyOurs: ['core/', 'model/', 'netatmo/', 'polling/', 'store/', 'util/'], never: ['express'], why: 'the sync core serves no HTTP and knows no feature' },
  { module: 'i18n/', onlyOurs: ['model/', 'store/', 'netatmo/oauth.ts'], why: 'wording reads facts, it does not fetch them' },
  { module: 'simulator/', onlyOurs: ['util/'], why: 'the stand-in for Netatmo shares nothing with the bridge' },
  { module: 'http-server.ts', never: ['lan/', ...FEATURES], why: 'the HTTP server orders routers; the error shape it answers with is in http/' },
  ...['lan/', 'local/', 'ops/', 'web/', 'webhook/', 'smartthings/', 'cli/', 'diagnostics/', 'moving/', 'sync/', 'netatmo/', 'store/'].map((module) => ({
    module,
    never: ['bridge/', 'app.ts'],
    why: 'only the process (app.ts, bridge-process.ts, welcome.ts) imports the composition root',
  })),
];

/** Packages only one module may use: the data file's library and the SmartThings SDKs. */
const PACKAGE_OWNERS: Record<string, string> = {
  lowdb: 'store/',
  'proper-lockfile': 'store/',
  '@smartthings/smartapp': 'smartthings/',
  '@smartthings/core-sdk': 'smartthings/',
  'http-signature': 'smartthings/',
};

function moduleOf(file: string): string {
  const slash = file.indexOf('/');
  return slash === -1 ? file : file.slice(0, slash + 1);
}

const files = readSourceTree();
const edges = importEdges(files);
const target = (edge: ImportEdge): string => (edge.ours ? moduleOf(edge.to) : edge.to);

function breaks(rule: LayerRule, edge: ImportEdge): boolean {
  if (moduleOf(edge.from) !== rule.module) return false;
  if (rule.never?.includes(target(edge))) return true;
  if (rule.onlyOurs === undefined || !edge.ours || target(edge) === rule.module) return false;
  return !rule.onlyOurs.includes(target(edge)) && !rule.onlyOurs.includes(edge.to);
}

const moduleEdges = edges
  .filter((edge) => edge.ours && moduleOf(edge.from) !== moduleOf(edge.to))
  .map((edge) => ({ ...edge, from: moduleOf(edge.from), to: moduleOf(edge.to) }));

describe('the cycle finder', () => {
  const edge = (from: string, to: string): ImportEdge => ({ from, to, ours: true, typeOnly: false });

  it('finds a cycle of three files and a file importing itself, and nothing in a tree', () => {
    expect(importCycles([edge('a.ts', 'b.ts'), edge('b.ts', 'c.ts'), edge('c.ts', 'a.ts'), edge('c.ts', 'd.ts'), edge('e.ts', 'e.ts')])).toEqual([['a.ts', 'b.ts', 'c.ts'], ['e.ts']]);
    expect(importCycles([edge('a.ts', 'b.ts'), edge('a.ts', 'c.ts'), edge('b.ts', 'c.ts')])).toEqual([]);
  });
});

describe('import graph of src/', () => {
  it('reads every file and its imports (the graph is not empty)', () => {
    expect(files.length).toBeGreaterThan(200);
    expect(edges.filter((e) => e.ours).length).toBeGreaterThan(500);
    expect(edges).toContainEqual({ from: 'netatmo/tokens.ts', to: 'netatmo/token-repository.ts', ours: true, typeOnly: true });
  });

  it.each(LAYERS)('$module: $why', (rule) => {
    const found = edges.filter((edge) => breaks(rule, edge)).map((e) => `${e.from} → ${e.to}`);
    expect(found).toEqual([]);
  });

  it('lowdb, the lock file and the SmartThings SDKs are used by their one owner module', () => {
    const found = edges.filter((e) => !e.ours && PACKAGE_OWNERS[e.to] !== undefined && moduleOf(e.from) !== PACKAGE_OWNERS[e.to]).map((e) => `${e.from} → ${e.to}`);
    expect(found).toEqual([]);
  });

  it('has no import cycle between files', () => {
    expect(importCycles(edges)).toEqual([]);
  });

  it('has no import cycle between modules', () => {
    expect(importCycles(moduleEdges)).toEqual([]);
  });
});
