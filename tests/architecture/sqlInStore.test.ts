import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Issue 13's rule, "the store owns all SQL": no file of electron/ outside the
 * engines' stores builds a query, writes a SQL template, prepares a statement or
 * sets a pragma. electron/store is SQLite's; electron/teamStore the team
 * server's PostgreSQL (issue 14), added beside it without touching callers.
 */
const STORES = ['store', 'teamStore'].map((folder) => path.join('electron', folder) + path.sep);
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
  it('finds SQL in each store itself (the scan can see it)', () => {
    const found = sourcesOf('electron/store').filter((f) => codeLines(fs.readFileSync(f, 'utf8')).some((l) => SQL_PATTERNS.some(([, re]) => re.test(l))));
    expect(found.length).toBeGreaterThan(10);
    expect(sourcesOf('electron/teamStore').filter((f) => codeLines(fs.readFileSync(f, 'utf8')).some((l) => SQL_PATTERNS.some(([, re]) => re.test(l)))).length).toBeGreaterThan(3);
  });

  it('has none outside electron/store and electron/teamStore', () => {
    const offences = sourcesOf('electron')
      .filter((f) => !STORES.some((store) => f.startsWith(store)))
      .flatMap((f) =>
        codeLines(fs.readFileSync(f, 'utf8')).flatMap((line, i) => SQL_PATTERNS.filter(([, re]) => re.test(line)).map(([what]) => `${f}:${i + 1}: ${what}: ${line.trim()}`)),
      );
    expect(offences).toEqual([]);
  });
});
