import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { MIGRATIONS, staticMigrationProvider } from '../../electron/store/migrations';
import { tempDir } from './tempStore';

/**
 * A database file of its own, with kysely's migrator over the app's migrations
 * and no migration run yet: a migration test takes it to the version before
 * the one it tests, inserts its fixture, and migrates on. `cleanups` closes and
 * removes it after the test.
 */
export function migratingDatabase(cleanups: Array<() => void | Promise<void>>): { sqlite: BetterSqlite3.Database; migrator: Migrator } {
  const tmp = tempDir();
  cleanups.push(tmp.remove);
  const sqlite = new BetterSqlite3(path.join(tmp.dir, 'm.db'));
  const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: sqlite }) });
  cleanups.push(() => db.destroy());
  return { sqlite, migrator: new Migrator({ db, provider: staticMigrationProvider }) };
}

/** Whichever migration runs just before `name` (other branches may add theirs in between). */
export function migrationBefore(name: string): string {
  const names = Object.keys(MIGRATIONS);
  return names[names.indexOf(name) - 1]!;
}
