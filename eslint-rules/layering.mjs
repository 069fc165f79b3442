// A local ESLint plugin: `layering/no-import-cycle` refuses an import that
// closes a cycle between the project's own files, type-only imports included.
// The folder directions are `no-restricted-imports` in eslint.config.mjs; a
// cycle needs the whole graph, which no core rule sees.
import path from 'node:path';
import { cyclesOf, importGraph, readSources, resolveRelative, SOURCE_FOLDERS, specifiersOf } from './importGraph.mjs';

/** One graph per root and folders, kept briefly: a lint run asks once per file, an editor keeps the process for hours. */
const FRESH_MS = 10_000;
const graphs = new Map();

function cyclesUnder(root, folders) {
  const key = `${root}\0${folders.join('\0')}`;
  const cached = graphs.get(key);
  if (cached && Date.now() - cached.at < FRESH_MS) return cached;
  const files = readSources(root, folders);
  const edges = importGraph(files);
  const componentOf = new Map();
  for (const component of cyclesOf(edges)) for (const file of component) componentOf.set(file, new Set(component));
  const fresh = { at: Date.now(), files, edges, componentOf };
  graphs.set(key, fresh);
  return fresh;
}

/** The shortest way back from `to` to `from` inside one cycle, for the message: from → to → … → from. */
function wayBack(edges, component, from, to) {
  const previous = new Map([[to, null]]);
  const queue = [to];
  while (queue.length > 0) {
    const at = queue.shift();
    if (at === from) break;
    for (const edge of edges) {
      if (edge.from !== at || !component.has(edge.to) || previous.has(edge.to)) continue;
      previous.set(edge.to, at);
      queue.push(edge.to);
    }
  }
  const way = [];
  for (let at = from; at !== null && at !== undefined; at = previous.get(at)) way.unshift(at);
  return [from, ...way];
}

const noImportCycle = {
  meta: {
    type: 'problem',
    docs: { description: 'Forbid imports that close a cycle between project files (type-only imports count).' },
    schema: [{ type: 'object', properties: { root: { type: 'string' }, folders: { type: 'array', items: { type: 'string' } } }, additionalProperties: false }],
    messages: { cycle: 'This import closes an import cycle: {{way}}. Move what both sides need into a module below both (docs/architecture.md, "Layers").' },
  },
  create(context) {
    const options = context.options[0] ?? {};
    const root = path.resolve(context.cwd, options.root ?? '.');
    const file = path.relative(root, context.filename).split(path.sep).join('/');
    return {
      Program() {
        const { files, edges, componentOf } = cyclesUnder(root, options.folders ?? SOURCE_FOLDERS);
        const component = componentOf.get(file);
        if (!component) return;
        // The imports as this text has them (an editor's may be ahead of the disk), judged against the graph on disk.
        for (const found of specifiersOf(file, context.sourceCode.text)) {
          const to = resolveRelative(file, found.specifier, (f) => files.has(f));
          if (!to || !component.has(to)) continue;
          const way = wayBack(edges, component, file, to).join(' → ');
          context.report({
            loc: { start: context.sourceCode.getLocFromIndex(found.start), end: context.sourceCode.getLocFromIndex(found.end) },
            messageId: 'cycle',
            data: { way },
          });
        }
      },
    };
  },
};

export default { meta: { name: 'layering' }, rules: { 'no-import-cycle': noImportCycle } };
