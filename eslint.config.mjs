import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/**
 * Data flows one way: renderer → shared/api → electron/handlers → shared/timing + electron/store.
 * The import rules below keep each folder on its side of that line.
 */
const noImport = (...groups) => ({
  'no-restricted-imports': ['error', { patterns: groups.map((group) => ({ group: [group], message: 'This import crosses the layering of STYLE.md.' })) }],
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'release/**', 'test-results/**', 'playwright-report/**', '.cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/ban-ts-comment': 'error',
    },
  },
  { files: ['shared/**/*.ts'], rules: noImport('**/electron/**', '**/renderer/**', 'electron', 'node:*', 'better-sqlite3', 'kysely', 'react') },
  { files: ['renderer/**/*.{ts,tsx}'], rules: noImport('**/electron/**', 'electron', 'node:*', 'better-sqlite3', 'kysely') },
  { files: ['electron/**/*.ts'], rules: noImport('**/renderer/**', 'react') },
  {
    files: ['renderer/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['scripts/**/*.mjs', 'bin/**/*.cjs', '*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', require: 'readonly', __dirname: 'readonly', URL: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
