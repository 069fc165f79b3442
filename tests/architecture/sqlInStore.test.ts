import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Issue 13's rule, "the store owns all SQL": no file of electron/ outside
 * electron/store builds a query, writes a SQL template, prepares a statement or
 * sets a pragma. A second engine is then added beside the store's SQLite
 * modules without hunting SQL through the rest of the main process.
 */
const SQL_PATTERNS: Array<[string, RegExp]> = [
  ['a kysely query', /\.(selectFrom|insertInto|updateTable|deleteFrom|replaceInto)\(/],
  ['a sql template', /\bsql(<[^>]*>)?`/],
  ['a raw statement', /\.(prepare|pragma)\(/],
  ['an exec of SQL', /\.exec\(\s*['"`]/],
  ['SQL text', /\b(INSERT INTO|UPDATE \w+ SET|DELETE FROM|SELECT .* FROM|PRAGMA \w+)/],
];

function sourcesOf(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sourcesOf(full) : e.name.endsWith('.ts') ? [full] : [];
  });
}

/** Code lines only: comments may say what SQL a function runs. */
const codeLines = (text: string) =>
  text
    .replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '))
    .split('\n')
    .map((line) => line.replace(/\/\/.*$/, ''));

describe('the store owns all SQL', () => {
  it('finds SQL in the store itself (the scan can see it)', () => {
    const found = sourcesOf('electron/store').filter((f) => codeLines(fs.readFileSync(f, 'utf8')).some((l) => SQL_PATTERNS.some(([, re]) => re.test(l))));
    expect(found.length).toBeGreaterThan(10);
  });

  it('has none outside electron/store', () => {
    const offences = sourcesOf('electron')
      .filter((f) => !f.startsWith(path.join('electron', 'store') + path.sep))
      .flatMap((f) =>
        codeLines(fs.readFileSync(f, 'utf8')).flatMap((line, i) => SQL_PATTERNS.filter(([, re]) => re.test(line)).map(([what]) => `${f}:${i + 1}: ${what}: ${line.trim()}`)),
      );
    expect(offences).toEqual([]);
  });
});
