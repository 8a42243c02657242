// The layering of docs/architecture.md, checked on the code: which module of src/ may import which
// (type-only imports count: a type import is a dependency too), and no import cycle, neither
// between files nor between modules. A module is a folder of src/ ('netatmo/') or a file at its
// top ('http-server.ts').
import { describe, expect, it } from 'vitest';
import { importCycles, importEdges, readSourceTree, type ImportEdge } from './source-tree.js';

interface LayerRule {
  module: string;
  /** When set, the only modules of ours it may import (itself included). */
  onlyOurs?: string[];
  /** Modules of ours or packages it must not import. */
  never?: string[];
  why: string;
}

// The documented layering, one line per rule.
const LAYERS: LayerRule[] = [
  { module: 'model/', onlyOurs: ['model/'], why: 'the domain model is pure: it imports nothing of ours' },
  { module: 'util/', onlyOurs: ['util/', 'model/'], why: 'helpers sit below everything else' },
  { module: 'netatmo/', never: ['store/', 'sync/', 'lan/', 'web/', 'smartthings/'], why: 'the Netatmo adapter owns its ports (token repository); others implement them' },
  { module: 'store/', never: ['sync/', 'lan/', 'web/', 'smartthings/'], why: 'the data file knows no feature' },
  { module: 'sync/', never: ['express', 'lan/', 'web/'], why: 'the sync core serves no HTTP and knows no surface' },
  { module: 'http-server.ts', never: ['lan/'], why: 'the HTTP server orders routers; the error shape it answers with is in http/' },
];

/** Packages only one module may use: the data file's library and the SmartThings SDKs. */
const PACKAGE_OWNERS: Record<string, string> = {
  lowdb: 'store/',
  'proper-lockfile': 'store/',
  '@smartthings/smartapp': 'smartthings/',
  '@smartthings/core-sdk': 'smartthings/',
  'http-signature': 'smartthings/',
};

// Known layering breaks, each with the change that removes it. This list only shrinks: an entry
// whose import is gone fails the test until it is deleted.
const KNOWN_LAYER_BREAKS: [from: string, to: string][] = [
  // The Netatmo webhook's routes move out of sync/ (issue 14, item 3: composition-root branch).
  ['sync/webhook-feature.ts', 'express'],
];

// Module imports that close a cycle today, each with the change that removes it. This list only
// shrinks: an entry whose import is gone fails the test until it is deleted; a new cycle fails.
const KNOWN_CYCLE_IMPORTS: [from: string, to: string][] = [
  // Features take the whole BridgeContext (src/context.ts), which names lan/, ops/ and sync/ types:
  // narrow feature dependencies and a core module for Feature and the events (issue 14, item 1).
  ['diagnostics/', 'context.ts'],
  ['lan/', 'context.ts'],
  ['local/', 'context.ts'],
  ['moving/', 'context.ts'],
  ['ops/', 'context.ts'],
  ['real-store.ts', 'context.ts'],
  ['smartthings/', 'context.ts'],
  ['sync/', 'context.ts'],
  ['web/', 'context.ts'],
  // The process runner (ops/bridge-process.ts) and the welcome lines import the composition root,
  // which imports ops/: one place wires, and nothing it wires imports it (issue 14, item 2).
  ['ops/', 'app.ts'],
  ['welcome.ts', 'app.ts'],
  // The Netatmo webhook feature (sync/webhook-feature.ts) moves out of sync/ (issue 14, item 3).
  ['sync/', 'smartthings/'],
  // The adaptive policies (polling/) implement the poll timer's PollPolicy, defined in
  // sync/poll-timing.ts, and sync/activity-store.ts saves their profiles: the policy port belongs
  // with the policies (polling/ is being tuned on its own branch).
  ['polling/', 'sync/'],
];

function moduleOf(file: string): string {
  const slash = file.indexOf('/');
  return slash === -1 ? file : file.slice(0, slash + 1);
}

const files = readSourceTree();
const edges = importEdges(files);
const target = (edge: ImportEdge): string => (edge.ours ? moduleOf(edge.to) : edge.to);
const isKnown = (list: [string, string][], from: string, to: string): boolean => list.some(([f, t]) => f === from && t === to);

function breaks(rule: LayerRule, edge: ImportEdge): boolean {
  if (moduleOf(edge.from) !== rule.module) return false;
  if (rule.never?.includes(target(edge))) return true;
  return rule.onlyOurs !== undefined && edge.ours && !rule.onlyOurs.includes(target(edge));
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
    const found = edges.filter((edge) => breaks(rule, edge) && !isKnown(KNOWN_LAYER_BREAKS, edge.from, edge.to)).map((e) => `${e.from} → ${e.to}`);
    expect(found).toEqual([]);
  });

  it('lowdb, the lock file and the SmartThings SDKs are used by their one owner module', () => {
    const found = edges.filter((e) => !e.ours && PACKAGE_OWNERS[e.to] !== undefined && moduleOf(e.from) !== PACKAGE_OWNERS[e.to]).map((e) => `${e.from} → ${e.to}`);
    expect(found).toEqual([]);
  });

  it('has no import cycle between files', () => {
    expect(importCycles(edges)).toEqual([]);
  });

  it('has no import cycle between modules other than the known ones', () => {
    const rest = moduleEdges.filter((edge) => !isKnown(KNOWN_CYCLE_IMPORTS, edge.from, edge.to));
    expect(importCycles(rest)).toEqual([]);
  });

  it('the lists of known exceptions only hold imports that still exist', () => {
    const staleBreaks = KNOWN_LAYER_BREAKS.filter(([from, to]) => !edges.some((e) => e.from === from && target(e) === to));
    const staleCycles = KNOWN_CYCLE_IMPORTS.filter(([from, to]) => !moduleEdges.some((e) => e.from === from && e.to === to));
    expect({ staleBreaks, staleCycles }).toEqual({ staleBreaks: [], staleCycles: [] });
  });
});
