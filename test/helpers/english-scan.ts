// Finds user-visible English written straight into code instead of the catalogue, as far as a
// parser can tell: the text between tags of an html`…` template and its visible attributes
// (aria-label, title, placeholder, alt), and string or template literals that read like prose
// (two words or more). Log messages, catalogue keys, imports and property names are not text for
// a person; a short allowlist covers the technical words left (commands, names).
import ts from 'typescript';

export interface EnglishFinding {
  file: string;
  line: number;
  text: string;
}

const LOG_METHODS = new Set(['trace', 'debug', 'info', 'warn', 'error', 'fatal']);
const KEY = /^[a-z][A-Za-z]*(\.[A-Za-z_]+)+$/;
/** Prose: three words in a row ("try again later"), or a capitalised two-word phrase ("Form refused"). */
const PROSE = /\b[A-Za-z][a-z]+[,:]? [a-z]+[,:]? [a-z]{2,}\b|\b[A-Z][a-z]+ [a-z]{2,}\b/;
const WORD = /[A-Za-z]{3,}/;
const VISIBLE_ATTRIBUTES = /\b(aria-label|title|placeholder|alt)="([^"$]*)"/g;

function isLogCall(node: ts.Node): boolean {
  const call = node.parent;
  if (!call || !ts.isCallExpression(call) || !call.arguments.includes(node as ts.Expression)) return false;
  const callee = call.expression;
  return ts.isPropertyAccessExpression(callee) && LOG_METHODS.has(callee.name.text) && /log/i.test(callee.expression.getText());
}

/** Inside a log call or an Error subclass's super(…): for the log; what a person reads is translated where it is caught. */
function inLogOrSuper(node: ts.Node): boolean {
  for (let at: ts.Node = node; at.parent && !ts.isStatement(at); at = at.parent) {
    if (isLogCall(at)) return true;
    if (ts.isCallExpression(at.parent) && at.parent.expression.kind === ts.SyntaxKind.SuperKeyword) return true;
  }
  return false;
}

function notText(node: ts.Node): boolean {
  const parent = node.parent;
  if (!parent) return true;
  if (ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent) || ts.isLiteralTypeNode(parent) || ts.isExternalModuleReference(parent)) return true;
  if ((ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) && parent.name === node) return true;
  if (ts.isElementAccessExpression(parent) && parent.argumentExpression === node) return true;
  return inLogOrSuper(node);
}

function templateText(node: ts.TemplateLiteral): string {
  if (ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  return [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join('\u0000');
}

function markupFindings(markup: string): string[] {
  const found: string[] = [];
  // An address (placeholder="http://localhost") is not a sentence.
  for (const match of markup.matchAll(VISIBLE_ATTRIBUTES)) if (WORD.test(match[2] ?? '') && !/[/=]/.test(match[2] ?? '')) found.push(`${match[1]}="${match[2]}"`);
  const text = markup
    .replace(/<[^>]*>/g, ' ')
    // Attribute fragments spliced into a tag: html` aria-current="page"`.
    .replace(/[\w-]+="[^"]*"/g, ' ')
    .replace(/&[#\w]+;/g, ' ')
    .split('\u0000')
    .join(' ');
  for (const word of text.match(/[A-Za-z][A-Za-z'’-]{2,}/g) ?? []) if (!/^[\w-]+$/.test(word) || !word.includes('-')) found.push(word);
  return found;
}

export function scanSource(file: string, source: string, allow: ReadonlySet<string>): EnglishFinding[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, file.endsWith('.js') ? ts.ScriptKind.JS : ts.ScriptKind.TS);
  const findings: EnglishFinding[] = [];
  const report = (node: ts.Node, text: string) => {
    if (!allow.has(text.trim())) findings.push({ file, line: sf.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: text.trim() });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isTaggedTemplateExpression(node) && node.tag.getText() === 'html') {
      for (const text of markupFindings(templateText(node.template))) report(node, text);
      ts.forEachChild(node.template, visit);
      return;
    }
    if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) && !notText(node)) {
      const text = ts.isStringLiteral(node) ? node.text : templateText(node).split('\u0000').join(' ');
      if (!KEY.test(text) && PROSE.test(text)) report(node, text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return findings;
}
