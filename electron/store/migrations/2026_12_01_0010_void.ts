import { sql, type Kysely } from 'kysely';
import { applySql, at, ROLLUPS as UNGUARDED, type Rollup as Unguarded } from './2026_11_23_0004_rollups';
import { visibleRow } from './2026_12_01_0009_import_batches';

/**
 * Voided records (issue 12, "one call, one workspace"): a record logged by
 * mistake is kept, read-only, with who voided it, when and why, and counts in
 * no figure. The rollup triggers of migration 0004 are made again from the
 * definitions below, each guarded so that a voided call contributes nothing:
 * voiding a call (an UPDATE) takes its share out of every rollup, and no later
 * change can put it back. Frozen: never import app code here (0004 is frozen too).
 */

/** What a call must be to count in any figure. */
const COUNTED = 'R.voided_at IS NULL';

/** 0004's rollups, each guarded: only rows for which `where` holds are counted, never a voided call. */
export type Rollup = Omit<Unguarded, 'where'> & { where: string };

/**
 * The rollups as the triggers keep them from this migration on: 0004's, each with
 * the guard first (0004 is frozen too, so these never change). Exported for
 * store/rollups.ts, which rebuilds a bulk write's days by these very definitions.
 */
export const ROLLUPS: readonly Rollup[] = UNGUARDED.map((r) => ({ ...r, where: r.where ? `${COUNTED} AND ${r.where}` : COUNTED }));

export { at };

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typed against no particular schema version
async function remakeRollups(db: Kysely<any>, definitions: readonly Unguarded[]): Promise<void> {
  for (const r of definitions) {
    for (const event of ['insert', 'update', 'delete']) await sql.raw(`DROP TRIGGER IF EXISTS ${r.table}_on_${event}`).execute(db);
    // From scratch by these definitions (the visible calls): the figures then agree with what the triggers keep from here on.
    const keyExprs = ['calls.desk_code', 'calls.local_date', ...r.keys.map(([, , e]) => at(e, 'calls'))];
    await sql.raw(`DELETE FROM ${r.table}`).execute(db);
    await sql
      .raw(
        `INSERT INTO ${r.table} (${['desk_code', 'local_date', ...r.keys.map(([k]) => k), ...r.measures.map(([m]) => m)].join(', ')})
         SELECT ${[...keyExprs, ...r.measures.map(([, e]) => `sum(${at(e, 'calls')})`)].join(', ')}
         FROM calls WHERE ${visibleRow('calls')}${r.where ? ` AND ${at(r.where, 'calls')}` : ''} GROUP BY ${keyExprs.join(', ')}`,
      )
      .execute(db);
    // 0009's guard stays: a staged import's calls count nowhere until their batch is published.
    await sql.raw(`CREATE TRIGGER ${r.table}_on_insert AFTER INSERT ON calls WHEN ${visibleRow('NEW')} BEGIN ${applySql(r, 'NEW', '+')} END`).execute(db);
    await sql.raw(`CREATE TRIGGER ${r.table}_on_update AFTER UPDATE ON calls WHEN ${visibleRow('OLD')} BEGIN ${applySql(r, 'OLD', '-')} ${applySql(r, 'NEW', '+')} END`).execute(db);
    await sql.raw(`CREATE TRIGGER ${r.table}_on_delete AFTER DELETE ON calls WHEN ${visibleRow('OLD')} BEGIN ${applySql(r, 'OLD', '-')} END`).execute(db);
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typed against no particular schema version
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('calls').addColumn('voided_at', 'integer').execute();
  await db.schema.alterTable('calls').addColumn('voided_by', 'text').execute();
  await db.schema.alterTable('calls').addColumn('void_reason', 'text').execute();
  // Review's "Voided" filter reads the few voided records without a scan.
  await sql`CREATE INDEX calls_voided ON calls (local_date) WHERE voided_at IS NOT NULL`.execute(db);
  await remakeRollups(db, ROLLUPS);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  // Triggers naming voided_at go before the column does; the rollups without the guard count the voided records again.
  for (const r of ROLLUPS) for (const event of ['insert', 'update', 'delete']) await sql.raw(`DROP TRIGGER ${r.table}_on_${event}`).execute(db);
  await sql`DROP INDEX calls_voided`.execute(db);
  for (const column of ['void_reason', 'voided_by', 'voided_at']) await db.schema.alterTable('calls').dropColumn(column).execute();
  await remakeRollups(db, UNGUARDED);
}
