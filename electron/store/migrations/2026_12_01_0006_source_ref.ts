import { sql, type Kysely } from 'kysely';

/**
 * The source reference: the number a record had in the sheet it was imported
 * from (seed 000's TECH20240501001, seed 004's 20231027001), kept beside the
 * CS record number the desk gives it. It is the re-import key, so it is unique
 * per desk; records logged at the desk have none (NULL), which the partial
 * index leaves out. The rollup triggers of 0004 read none of this column.
 *
 * Beside it, untracked_targets: the targets an imported record's sheet had no
 * column to record (seed 000 has no callback column), comma-separated target
 * kinds ('callback,leadFollowUp,progressUpdate'). The timing core judges them
 * 'na': history is not shown failing what its sheet never tracked. NULL for
 * calls logged here, which track everything. Added here rather than in a
 * migration of its own because 0006 had not yet been released.
 * Frozen: never import app code here.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typed against no particular schema version
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('calls').addColumn('source_ref', 'text').execute();
  await db.schema.alterTable('calls').addColumn('untracked_targets', 'text').execute();
  await sql`CREATE UNIQUE INDEX calls_source_ref ON calls (desk_code, source_ref) WHERE source_ref IS NOT NULL`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX calls_source_ref`.execute(db);
  await db.schema.alterTable('calls').dropColumn('untracked_targets').execute();
  await db.schema.alterTable('calls').dropColumn('source_ref').execute();
}
