import { sql, type Kysely } from 'kysely';

/**
 * The clock-behind review flag: how far (ms) the system clock was found behind
 * an earlier moment of the record when a click was logged on it; NULL when it
 * never was. The rollup triggers of 0004 fire on every UPDATE of calls and read
 * none of this column, so the figures they keep are unaffected.
 * Frozen: never import app code here.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typed against no particular schema version
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('calls').addColumn('clock_behind_ms', 'integer').execute();
  // The review's "clock problems" filter: few records, found without scanning the range.
  await sql`CREATE INDEX calls_clock_behind ON calls (local_date) WHERE clock_behind_ms IS NOT NULL`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX calls_clock_behind`.execute(db);
  await db.schema.alterTable('calls').dropColumn('clock_behind_ms').execute();
}
