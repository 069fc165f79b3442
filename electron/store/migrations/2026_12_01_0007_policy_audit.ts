import { sql, type Kysely } from 'kysely';

/**
 * The policy-level trail: every save or import of a policy version, who made
 * it and when, from when it is in force, why, how many records it re-judged
 * and which signed-off days it touched (audit_log is per call; this is per
 * version). A back-dated version re-judges history in chunks, so its row is
 * written first and completed once the last chunk is in: `completed_at` NULL
 * means a re-judge still under way (or interrupted, and resumed at start).
 * Once completed a row never changes, and no row is ever deleted.
 * Versions saved before the trail existed get a row each, from what they kept.
 * Frozen: never import app code here.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typed against no particular schema version
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('policy_audit')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('policy_id', 'integer', (c) => c.notNull().references('policies.id'))
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'integer')
    .addColumn('at', 'integer', (c) => c.notNull())
    // 'screen', 'cli' or 'before trail' (a version saved before this table existed).
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('effective_from', 'integer', (c) => c.notNull())
    // Where the version's span ended when it was saved (the next later version's start); NULL: open-ended.
    .addColumn('effective_until', 'integer')
    .addColumn('reason', 'text')
    .addColumn('records_rejudged', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('verdicts_changed', 'integer', (c) => c.notNull().defaultTo(0))
    // JSON array of { deskCode, localDate }.
    .addColumn('signed_off_days', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('completed_at', 'integer')
    .execute();
  await db.schema.createIndex('policy_audit_by_policy').on('policy_audit').column('policy_id').execute();
  await sql`CREATE TRIGGER policy_audit_no_delete BEFORE DELETE ON policy_audit BEGIN SELECT RAISE(ABORT, 'the policy trail is append-only'); END`.execute(db);
  await sql`CREATE TRIGGER policy_audit_no_rewrite BEFORE UPDATE ON policy_audit WHEN OLD.completed_at IS NOT NULL
    BEGIN SELECT RAISE(ABORT, 'a completed policy trail row never changes'); END`.execute(db);
  await sql`INSERT INTO policy_audit (policy_id, actor, at, source, effective_from, records_rejudged, verdicts_changed, completed_at)
    SELECT id, created_by, created_at, 'before trail', effective_from, 0, 0, created_at FROM policies ORDER BY id`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TRIGGER policy_audit_no_rewrite`.execute(db);
  await sql`DROP TRIGGER policy_audit_no_delete`.execute(db);
  await db.schema.dropTable('policy_audit').execute();
}
