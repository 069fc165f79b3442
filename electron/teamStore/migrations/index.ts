import type { Migration } from 'kysely';
import * as m0001 from './0001_team_schema';
import * as m0002 from './0002_team_speed';
import * as m0003 from './0003_team_signoff';
import * as m0004 from './0004_team_integrity';
import * as m0005 from './0005_team_push_v2';
import * as m0006 from './0006_team_lead_desk';
import * as m0007 from './0007_team_phone';

/**
 * The team server's migrations, frozen and separate from the desk's SQLite
 * ones. Names sort in the order they run, each starting with its number.
 */
export const SERVER_MIGRATIONS: Record<string, Migration> = {
  '0001_team_schema': m0001,
  '0002_team_speed': m0002,
  '0003_team_signoff': m0003,
  '0004_team_integrity': m0004,
  '0005_team_push_v2': m0005,
  '0006_team_lead_desk': m0006,
  '0007_team_phone': m0007,
};

/**
 * The newest schema version this app knows: the largest migration number, so
 * that a gap in the numbers (branches numbering theirs apart) is no error.
 * Each migration sets meta.schema_version to at least its own number.
 */
export const TEAM_SCHEMA_VERSION = Math.max(...Object.keys(SERVER_MIGRATIONS).map((name) => Number(/^\d+/.exec(name)?.[0] ?? 0)));
