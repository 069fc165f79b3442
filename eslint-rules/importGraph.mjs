// The project's own import graph, read with the TypeScript parser rather than a
// regular expression, so that `import type`, `export … from`, `import('…')` and
// `typeof import('…')` all count: a type-only import is still a dependency of
// the design. Used by the lint rule `layering/no-import-cycle` (layering.mjs)
// and by tests/architecture/layering.test.ts.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** The folders whose .ts/.tsx files make up the app. */
export const SOURCE_FOLDERS = ['electron', 'shared', 'renderer/src'];

const RESOLVE_TAILS = ['.ts', '.tsx', '/index.ts', '/index.tsx'];

/** Every module specifier a source text names, with its 1-based line and its offsets in the text. */
export function specifiersOf(fileName, text) {
  const kind = fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, kind);
  const found = [];
  const note = (literal) => {
    if (!literal || !ts.isStringLiteralLike(literal)) return;
    const start = literal.getStart(source);
    found.push({ specifier: literal.text, line: source.getLineAndCharacterOfPosition(start).line + 1, start, end: literal.getEnd() });
  };
  const visit = (node) => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) note(node.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) note(node.moduleReference.expression);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) note(node.arguments[0]);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) note(node.argument.literal);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The project file (root-relative, forward slashes) a relative specifier names, or null for a package. */
export function resolveRelative(fromFile, specifier, exists) {
  if (!specifier.startsWith('.')) return null;
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), specifier));
  if (/\.tsx?$/.test(base) && exists(base)) return base;
  for (const tail of RESOLVE_TAILS) if (exists(base + tail)) return base + tail;
  return null;
}

/** The .ts/.tsx files under the given folders of root: a map of root-relative path → text. */
export function readSources(root, folders = SOURCE_FOLDERS) {
  const files = new Map();
  const walk = (dir) => {
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = `${dir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') walk(rel);
      } else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
        files.set(rel, fs.readFileSync(path.join(root, rel), 'utf8'));
      }
    }
  };
  for (const folder of folders) if (fs.existsSync(path.join(root, folder))) walk(folder);
  return files;
}

/** The edges between the given files: { from, to, specifier, line, start, end }. */
export function importGraph(files) {
  const edges = [];
  for (const [file, text] of files) {
    for (const found of specifiersOf(file, text)) {
      const to = resolveRelative(file, found.specifier, (f) => files.has(f));
      if (to) edges.push({ from: file, to, ...found });
    }
  }
  return edges;
}

/**
 * The import cycles of a graph: each strongly connected component of more than
 * one file, or a file importing itself, as its sorted files. Tarjan's
 * algorithm, iterative so that a long chain of imports cannot overflow the stack.
 */
export function cyclesOf(edges) {
  const next = new Map();
  for (const { from, to } of edges) {
    if (!next.has(from)) next.set(from, []);
    next.get(from).push(to);
  }
  const nodes = new Set([...edges.map((e) => e.from), ...edges.map((e) => e.to)]);
  const index = new Map();
  const low = new Map();
  const onStack = new Set();
  const stack = [];
  const cycles = [];
  let counter = 0;
  const enter = (node) => {
    index.set(node, counter);
    low.set(node, counter);
    counter++;
    stack.push(node);
    onStack.add(node);
  };
  for (const start of nodes) {
    if (index.has(start)) continue;
    enter(start);
    const work = [{ node: start, i: 0 }];
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const targets = next.get(frame.node) ?? [];
      if (frame.i < targets.length) {
        const target = targets[frame.i++];
        if (!index.has(target)) {
          enter(target);
          work.push({ node: target, i: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.node, Math.min(low.get(frame.node), index.get(target)));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node), low.get(frame.node)));
      if (low.get(frame.node) !== index.get(frame.node)) continue;
      const component = [];
      let member;
      do {
        member = stack.pop();
        onStack.delete(member);
        component.push(member);
      } while (member !== frame.node);
      if (component.length > 1 || targets.includes(frame.node)) cycles.push(component.sort());
    }
  }
  return cycles;
}
