import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import layering from './eslint-rules/layering.mjs';
import { ELECTRON_LAYERS } from './eslint-rules/layers.mjs';

/**
 * Data flows one way: renderer → shared/api → electron/handlers → electron/records → shared/timing + electron/store.
 * The import rules below keep each folder on its side of that line (docs/architecture.md, "Layers").
 */
const MESSAGE = 'This import crosses the layering of STYLE.md (docs/architecture.md, "Layers").';
const groupPatterns = (groups) => groups.map((group) => ({ group: [group], message: MESSAGE }));
const noImport = (...groups) => ({ 'no-restricted-imports': ['error', { patterns: groupPatterns(groups) }] });

/**
 * One block per folder of electron/ (eslint-rules/layers.mjs says who may import whom): the
 * folders it may not import, as the relative paths that reach them from inside it, e.g.
 * `../handlers/dispatch` from electron/records or `../../handlers` from electron/archive/layouts.
 */
const ELECTRON_WIDE = ['**/renderer/**', 'react'];
const electronLayers = Object.entries(ELECTRON_LAYERS).map(([folder, allowed]) => {
  const forbidden = Object.keys(ELECTRON_LAYERS).filter((other) => other !== folder && !allowed.includes(other));
  const siblings = forbidden.filter((other) => other !== 'log');
  const patterns = [
    ...groupPatterns(ELECTRON_WIDE),
    ...(siblings.length > 0 ? [{ regex: `^(\\.\\./)+(${siblings.join('|')})(/|$)`, message: MESSAGE }] : []),
    ...(forbidden.includes('log') ? [{ regex: '^(\\.\\./)+log$', message: MESSAGE }] : []),
  ];
  const files = folder === 'log' ? ['electron/log.ts'] : [`electron/${folder}/**/*.ts`];
  // electron/log.ts sits beside the folders: for it, every `./<folder>` is one of them.
  const own = folder === 'log' ? [{ regex: '^\\./', message: MESSAGE }] : [];
  return { files, rules: { 'no-restricted-imports': ['error', { patterns: [...patterns, ...own] }] } };
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'release/**', 'test-results/**', 'playwright-report/**', '.cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { layering },
    rules: {
      // An import that closes a cycle among electron/, shared/ and renderer/src files, type-only ones included.
      'layering/no-import-cycle': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/ban-ts-comment': 'error',
    },
  },
  { files: ['shared/**/*.ts'], rules: noImport('**/electron/**', '**/renderer/**', 'electron', 'node:*', 'better-sqlite3', 'kysely', 'react') },
  { files: ['renderer/**/*.{ts,tsx}'], rules: noImport('**/electron/**', 'electron', 'node:*', 'better-sqlite3', 'kysely') },
  { files: ['electron/**/*.ts'], rules: noImport(...ELECTRON_WIDE) },
  ...electronLayers,
  {
    files: ['renderer/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['scripts/**/*.mjs', 'eslint-rules/**/*.mjs', 'bin/**/*.cjs', '*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', require: 'readonly', __dirname: 'readonly', URL: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
