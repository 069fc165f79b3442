import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './2026_11_23_0001_desk';

/**
 * Every migration, imported statically: a bundled main process has no
 * migrations folder to read. Names sort in the order they must run.
 */
export const MIGRATIONS: Record<string, Migration> = {
  '2026_11_23_0001_desk': m0001,
};

export const staticMigrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(MIGRATIONS),
};
