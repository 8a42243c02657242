// src/ read with TypeScript's own parser, for the architecture tests: every file's imports (static,
// `export … from`, type-only and dynamic `import('…')` alike) and every function's length.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { filesUnder } from '../../helpers/repo-files.js';
import { REPO_ROOT } from '../../helpers/spawned-bridge.js';

export interface SourceFile {
  /** Path under src/, e.g. 'netatmo/tokens.ts'. */
  name: string;
  lines: number;
  ast: ts.SourceFile;
}

export interface ImportEdge {
  /** The importing file, under src/. */
  from: string;
  /** A file under src/ ('store/store.ts') for our own modules, else the package name ('express'). */
  to: string;
  ours: boolean;
  typeOnly: boolean;
}

export function readSourceTree(): SourceFile[] {
  return filesUnder('src', /\.ts$/).map((file) => {
    const text = readFileSync(path.join(REPO_ROOT, file), 'utf8');
    return {
      name: path.relative('src', file).split(path.sep).join('/'),
      lines: text.split('\n').length - (text.endsWith('\n') ? 1 : 0),
      ast: ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true),
    };
  });
}

function specifiers(ast: ts.SourceFile): { spec: string; typeOnly: boolean }[] {
  const found: { spec: string; typeOnly: boolean }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ spec: node.moduleSpecifier.text, typeOnly: node.importClause?.isTypeOnly ?? false });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ spec: node.moduleSpecifier.text, typeOnly: node.isTypeOnly });
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      found.push({ spec: node.argument.literal.text, typeOnly: true });
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      found.push({ spec: node.arguments[0].text, typeOnly: false });
    }
    ts.forEachChild(node, visit);
  };
  visit(ast);
  return found;
}

/** 'express/lib/x' → 'express', '@smartthings/smartapp/y' → '@smartthings/smartapp', 'node:fs' stays. */
function packageOf(spec: string): string {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? spec);
}

export function importEdges(files: SourceFile[]): ImportEdge[] {
  const known = new Set(files.map((f) => f.name));
  return files.flatMap((file) =>
    specifiers(file.ast).map(({ spec, typeOnly }) => {
      if (!spec.startsWith('.')) return { from: file.name, to: packageOf(spec), ours: false, typeOnly };
      const target = path.posix.join(path.posix.dirname(file.name), spec).replace(/\.js$/, '.ts');
      // Data files (JSON profiles) are ours too; they import nothing.
      if (!known.has(target) && !existsSync(path.join(REPO_ROOT, 'src', target))) throw new Error(`${file.name} imports ${spec}, which is not a file under src/`);
      return { from: file.name, to: target, ours: true, typeOnly };
    }),
  );
}

/** Strongly connected components with more than one file, or a file importing itself: the cycles. */
export function importCycles(edges: ImportEdge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const edge of edges) if (edge.ours) next.set(edge.from, [...(next.get(edge.from) ?? []), edge.to]);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const connect = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const to of next.get(node) ?? []) {
      if (!index.has(to)) {
        connect(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (onStack.has(to)) low.set(node, Math.min(low.get(node)!, index.get(to)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || (next.get(node) ?? []).includes(node)) cycles.push(component.sort());
  };
  for (const node of [...next.keys()].sort()) if (!index.has(node)) connect(node);
  return cycles;
}

export interface FunctionLength {
  where: string;
  name: string;
  lines: number;
}

function functionName(node: ts.FunctionLikeDeclaration): string {
  if (node.name) return node.name.getText();
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) return parent.name.getText();
  return '<anonymous>';
}

/** Every function, method, accessor and arrow function, with its length in lines (first to last). */
export function functionLengths(file: SourceFile): FunctionLength[] {
  const found: FunctionLength[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const first = file.ast.getLineAndCharacterOfPosition(node.getStart()).line;
      const last = file.ast.getLineAndCharacterOfPosition(node.getEnd()).line;
      found.push({ where: `src/${file.name}:${first + 1}`, name: functionName(node), lines: last - first + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(file.ast);
  return found;
}
