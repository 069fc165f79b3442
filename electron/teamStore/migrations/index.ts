import type { Migration } from 'kysely';
import * as m0001 from './0001_team_schema';
import * as m0002 from './0002_team_speed';

/**
 * The team server's migrations, frozen and separate from the desk's SQLite
 * ones. Names sort in the order they run; meta.schema_version is the count.
 */
export const SERVER_MIGRATIONS: Record<string, Migration> = {
  '0001_team_schema': m0001,
  '0002_team_speed': m0002,
};

/** The newest schema version this app knows. */
export const TEAM_SCHEMA_VERSION = Object.keys(SERVER_MIGRATIONS).length;
