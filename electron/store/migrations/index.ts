import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './2026_11_23_0001_desk';
import * as m0002 from './2026_11_23_0002_policy';
import * as m0003 from './2026_11_23_0003_review';
import * as m0004 from './2026_11_23_0004_rollups';
import * as m0005 from './2026_11_23_0005_clock_flag';
import * as m0006 from './2026_12_01_0006_source_ref';
import * as m0007 from './2026_12_01_0007_policy_audit';
import * as m0008 from './2026_12_01_0008_pin_lockout';
import * as m0009 from './2026_12_01_0009_import_batches';
import * as m0010 from './2026_12_01_0010_void';
import * as m0011 from './2026_12_01_0011_team_outbox';
import * as m0012 from './2026_12_01_0012_team_inbox';
import * as m0013 from './2026_12_01_0013_team_authored';
import * as m0014 from './2026_12_01_0014_telephony';
import * as m0015 from './2026_12_01_0015_phone_outbox';

/**
 * Every migration, imported statically: a bundled main process has no
 * migrations folder to read. Names sort in the order they must run.
 */
export const MIGRATIONS: Record<string, Migration> = {
  '2026_11_23_0001_desk': m0001,
  '2026_11_23_0002_policy': m0002,
  '2026_11_23_0003_review': m0003,
  '2026_11_23_0004_rollups': m0004,
  '2026_11_23_0005_clock_flag': m0005,
  '2026_12_01_0006_source_ref': m0006,
  '2026_12_01_0007_policy_audit': m0007,
  '2026_12_01_0008_pin_lockout': m0008,
  '2026_12_01_0009_import_batches': m0009,
  '2026_12_01_0010_void': m0010,
  '2026_12_01_0011_team_outbox': m0011,
  '2026_12_01_0012_team_inbox': m0012,
  '2026_12_01_0013_team_authored': m0013,
  '2026_12_01_0014_telephony': m0014,
  '2026_12_01_0015_phone_outbox': m0015,
};

export const staticMigrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(MIGRATIONS),
};
