import { sql, type Kysely } from 'kysely';
import { applySql, ROLLUPS } from './2026_11_23_0004_rollups';

/**
 * Staged imports (issue 11): an import writes its rows in many short
 * transactions as a batch that no reader sees, and one small transaction
 * publishes the batch. A call belongs to the batch that brought it
 * (`calls.import_batch`, NULL for calls logged here); a batch whose
 * `published_at` is NULL is staged, and its calls are hidden from every
 * reader. The column stays after publishing: it says which import brought a
 * record.
 *
 * The rollup triggers of 0004 are re-created with a guard, so that a staged
 * call adds nothing to the statistics when it is written, nor takes anything
 * away when an unpublished batch is removed. A staged batch's figures are
 * gathered instead in staged_<rollup> tables (the same keys, with the batch),
 * chunk by chunk as its rows go in, and added to the rollups at publish:
 * a few thousand upserts, not a rebuild.
 * Frozen: never import app code here.
 */

/** A calls row (alias NEW or OLD in a trigger, calls in a query) is visible: logged here, or brought by a published import. Exported for 0010, which re-makes the triggers, and for store/visibility.ts, every reader's rule. */
export const visibleRow = (alias: 'NEW' | 'OLD' | 'calls') =>
  `(${alias}.import_batch IS NULL OR ${alias}.import_batch NOT IN (SELECT id FROM import_batches WHERE published_at IS NULL))`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typed against no particular schema version
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('import_batches')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('file', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('started_at', 'integer', (c) => c.notNull())
    .addColumn('published_at', 'integer')
    .execute();
  await db.schema.alterTable('calls').addColumn('import_batch', 'integer', (c) => c.references('import_batches.id')).execute();
  await sql`CREATE INDEX calls_by_import_batch ON calls (import_batch) WHERE import_batch IS NOT NULL`.execute(db);
  for (const r of ROLLUPS) {
    const keyDefs = r.keys.map(([k, type]) => `${k} ${type} NOT NULL`);
    const measureDefs = r.measures.map(([m]) => `${m} INTEGER NOT NULL DEFAULT 0`);
    const pk = ['batch_id', 'desk_code', 'local_date', ...r.keys.map(([k]) => k)].join(', ');
    await sql
      .raw(`CREATE TABLE staged_${r.table} (batch_id INTEGER NOT NULL, desk_code TEXT NOT NULL, local_date TEXT NOT NULL, ${[...keyDefs, ...measureDefs].join(', ')}, PRIMARY KEY (${pk}))`)
      .execute(db);
    for (const event of ['insert', 'update', 'delete']) await sql.raw(`DROP TRIGGER ${r.table}_on_${event}`).execute(db);
    await sql.raw(`CREATE TRIGGER ${r.table}_on_insert AFTER INSERT ON calls WHEN ${visibleRow('NEW')} BEGIN ${applySql(r, 'NEW', '+')} END`).execute(db);
    // An update keeps a row's batch, so one guard serves both sides of it.
    await sql.raw(`CREATE TRIGGER ${r.table}_on_update AFTER UPDATE ON calls WHEN ${visibleRow('OLD')} BEGIN ${applySql(r, 'OLD', '-')} ${applySql(r, 'NEW', '+')} END`).execute(db);
    await sql.raw(`CREATE TRIGGER ${r.table}_on_delete AFTER DELETE ON calls WHEN ${visibleRow('OLD')} BEGIN ${applySql(r, 'OLD', '-')} END`).execute(db);
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const r of [...ROLLUPS].reverse()) {
    for (const event of ['insert', 'update', 'delete']) await sql.raw(`DROP TRIGGER ${r.table}_on_${event}`).execute(db);
    await sql.raw(`CREATE TRIGGER ${r.table}_on_insert AFTER INSERT ON calls BEGIN ${applySql(r, 'NEW', '+')} END`).execute(db);
    await sql.raw(`CREATE TRIGGER ${r.table}_on_update AFTER UPDATE ON calls BEGIN ${applySql(r, 'OLD', '-')} ${applySql(r, 'NEW', '+')} END`).execute(db);
    await sql.raw(`CREATE TRIGGER ${r.table}_on_delete AFTER DELETE ON calls BEGIN ${applySql(r, 'OLD', '-')} END`).execute(db);
    await sql.raw(`DROP TABLE staged_${r.table}`).execute(db);
  }
  await sql`DROP INDEX calls_by_import_batch`.execute(db);
  await db.schema.alterTable('calls').dropColumn('import_batch').execute();
  await db.schema.dropTable('import_batches').execute();
}
