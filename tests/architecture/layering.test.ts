import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { cyclesOf, importGraph, readSources, SOURCE_FOLDERS } from '../../eslint-rules/importGraph.mjs';
import { layerOf, mayImport } from '../../eslint-rules/layers.mjs';

// The layering of docs/architecture.md, checked on the graph of resolved imports
// (type-only ones included), and the lint rules shown to refuse what breaks it.
const root = path.resolve(__dirname, '../..');
const edges = importGraph(readSources(root, SOURCE_FOLDERS));

describe('the import graph', () => {
  it('is read from the sources, type-only imports included', () => {
    // records/policyVersions.ts imports the store's schema as a type only.
    expect(edges).toContainEqual(expect.objectContaining({ from: 'electron/records/policyVersions.ts', to: 'electron/store/schema.ts' }));
    expect(edges.length).toBeGreaterThan(500);
  });

  it('has no cycle', () => {
    expect(cyclesOf(edges)).toEqual([]);
  });

  it('goes only the stated directions', () => {
    const against = edges
      .filter((e) => !mayImport(layerOf(e.from) ?? '?', layerOf(e.to) ?? '?'))
      .map((e) => `${e.from}:${e.line} → ${e.to}`);
    expect(against).toEqual([]);
  });

  it('has no file outside handlers and the transports importing electron/handlers', () => {
    const importers = new Set(edges.filter((e) => layerOf(e.to) === 'handlers').map((e) => layerOf(e.from)));
    expect([...importers].sort()).toEqual(['cli', 'handlers', 'main', 'server']);
  });
});

describe('the directions', () => {
  it('let records use the store, and not the store records', () => {
    expect(mayImport('records', 'store')).toBe(true);
    expect(mayImport('store', 'records')).toBe(false);
    expect(mayImport('archive', 'handlers')).toBe(false);
    expect(mayImport('shared', 'store')).toBe(false);
    expect(mayImport('renderer', 'shared')).toBe(true);
    expect(mayImport('renderer', 'handlers')).toBe(false);
  });

  it('find a cycle made of type-only imports', () => {
    const fixture = importGraph(readSources(root, ['tests/architecture/fixtures/cycle']));
    expect(cyclesOf(fixture)).toEqual([['tests/architecture/fixtures/cycle/first.ts', 'tests/architecture/fixtures/cycle/second.ts']]);
  });
});

describe('npm run lint', () => {
  const lint = async (code: string, filePath: string, eslint = new ESLint({ cwd: root })) => {
    const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
    return result!.messages.map((m) => `${m.ruleId}@${m.line}`);
  };

  it('refuses an import against the directions, a type-only one too', async () => {
    expect(await lint("import type { Change } from '../records/callRecord';\nexport type Changed = Change;\n", 'electron/store/wrongWay.ts')).toEqual(['no-restricted-imports@1']);
    expect(await lint("import { dispatch } from '../handlers/dispatch';\nexport const run = dispatch;\n", 'electron/archive/wrongWay.ts')).toEqual(['no-restricted-imports@1']);
    expect(await lint("import { dispatch } from '../../handlers/dispatch';\nexport const run = dispatch;\n", 'electron/archive/layouts/wrongWay.ts')).toEqual(['no-restricted-imports@1']);
    expect(await lint("import { log } from '../log';\nexport const say = log;\n", 'electron/preload/wrongWay.ts')).toEqual(['no-restricted-imports@1']);
  });

  it('lets the same import through the right way', async () => {
    expect(await lint("import type { CallRow } from '../store/schema';\nexport type Row = CallRow;\n", 'electron/records/rightWay.ts')).toEqual([]);
  });

  it('refuses an import that closes a cycle, type-only ones included', async () => {
    const eslint = new ESLint({
      cwd: root,
      overrideConfig: { rules: { 'layering/no-import-cycle': ['error', { folders: ['tests/architecture/fixtures/cycle'] }] } },
    });
    const first = 'tests/architecture/fixtures/cycle/first.ts';
    const [result] = await eslint.lintFiles([path.join(root, first)]);
    expect(result!.messages.map((m) => `${m.ruleId}@${m.line}: ${m.message}`)).toEqual([
      `layering/no-import-cycle@1: This import closes an import cycle: ${first} → tests/architecture/fixtures/cycle/second.ts → ${first}. Move what both sides need into a module below both (docs/architecture.md, "Layers").`,
    ]);
  });
});
