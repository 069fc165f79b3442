import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, staticMigrationProvider } from '../../../electron/store/migrations';
import { tempDir } from '../../helpers/tempStore';

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('migrations', () => {
  it('are named so that they sort in the order they must run', () => {
    const names = Object.keys(MIGRATIONS);
    expect(names).toEqual([...names].sort());
    for (const name of names) expect(name).toMatch(/^\d{4}_\d{2}_\d{2}_\d{4}_[a-z0-9_]+$/);
  });

  it('go all the way down and up again', async () => {
    const tmp = tempDir();
    cleanups.push(tmp.remove);
    const sqlite = new BetterSqlite3(path.join(tmp.dir, 'm.db'));
    const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: sqlite }) });
    cleanups.push(() => db.destroy());
    const migrator = new Migrator({ db, provider: staticMigrationProvider });
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    const { NO_MIGRATIONS } = await import('kysely');
    expect((await migrator.migrateTo(NO_MIGRATIONS)).error).toBeUndefined();
    const left = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'kysely_%' AND name NOT LIKE 'sqlite_%'").pluck().all();
    expect(left).toEqual([]);
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
  });
});
