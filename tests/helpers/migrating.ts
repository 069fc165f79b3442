import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, NO_MIGRATIONS, SqliteDialect } from 'kysely';
import { expect } from 'vitest';
import { MIGRATIONS, staticMigrationProvider } from '../../electron/store/migrations';
import { tempDir } from './tempStore';

/** A migration by its full name ('2026_12_01_0010_void'), its number ('0010'), 'latest', or 'none' (every migration down). */
export type MigrationVersion = string;

/** The full name of a version as migrateTo takes it; throws on a number no migration has. */
export function migrationName(version: MigrationVersion): string {
  if (version in MIGRATIONS) return version;
  const names = Object.keys(MIGRATIONS);
  if (version === 'latest') return names.at(-1)!;
  const found = names.find((name) => name.split('_')[3] === version);
  if (!found) throw new Error(`No migration ${version}; there are ${names.join(', ')}.`);
  return found;
}

export interface MigratingDatabase {
  sqlite: BetterSqlite3.Database;
  migrator: Migrator;
  /** Migrates up or down to `version` and fails the test if any migration on the way fails. */
  migrateTo(version: MigrationVersion): Promise<void>;
}

/**
 * A database file of its own, with kysely's migrator over the app's migrations
 * and no migration run yet: a migration test takes it to the version before
 * the one it tests (migrateTo), inserts its fixture, and migrates on. `cleanups`
 * closes and removes it after the test.
 */
export function migratingDatabase(cleanups: Array<() => void | Promise<void>>): MigratingDatabase {
  const tmp = tempDir();
  cleanups.push(tmp.remove);
  const sqlite = new BetterSqlite3(path.join(tmp.dir, 'm.db'));
  const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: sqlite }) });
  cleanups.push(() => db.destroy());
  const migrator = new Migrator({ db, provider: staticMigrationProvider });
  const migrateTo = async (version: MigrationVersion) => {
    const { error } = await migrator.migrateTo(version === 'none' ? NO_MIGRATIONS : migrationName(version));
    expect(error, `migrating to ${version}`).toBeUndefined();
  };
  return { sqlite, migrator, migrateTo };
}

/** Whichever migration runs just before `version` (other branches may add theirs in between). */
export function migrationBefore(version: MigrationVersion): string {
  const names = Object.keys(MIGRATIONS);
  return names[names.indexOf(migrationName(version)) - 1]!;
}
