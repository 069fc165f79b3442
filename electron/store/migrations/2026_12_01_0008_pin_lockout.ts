import { sql, type Kysely } from 'kysely';

/**
 * PIN lock-out (issue 11): each profile keeps its run of wrong PINs and the
 * moment its lock ends in the database, so that restarting the app (or browser
 * mode) does not hand a guesser a fresh set of tries. Lock-outs and unlocks go
 * to an append-only trail of their own: the call audit trail is per record.
 * Frozen: never import app code here.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typed against no particular schema version
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('pin_failures', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('users').addColumn('pin_locked_until', 'integer').execute();

  await db.schema
    .createTable('pin_lock_audit')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    // The profile's name then: names can be edited later.
    .addColumn('user_name', 'text', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull().check(sql`event IN ('locked', 'unlocked')`))
    .addColumn('at', 'integer', (c) => c.notNull())
    // Wrong PINs in a row when it happened (for 'unlocked': the run that was cleared).
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('locked_until', 'integer')
    // Who cleared the lock: a signed-in admin, or the CLI on the desk's machine (actor_id NULL).
    .addColumn('actor', 'text')
    .addColumn('actor_id', 'integer', (c) => c.references('users.id'))
    .execute();
  await sql`CREATE TRIGGER pin_lock_audit_no_update BEFORE UPDATE ON pin_lock_audit BEGIN SELECT RAISE(ABORT, 'the lock-out trail is append-only'); END`.execute(db);
  await sql`CREATE TRIGGER pin_lock_audit_no_delete BEFORE DELETE ON pin_lock_audit BEGIN SELECT RAISE(ABORT, 'the lock-out trail is append-only'); END`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('pin_lock_audit').execute();
  await db.schema.alterTable('users').dropColumn('pin_locked_until').execute();
  await db.schema.alterTable('users').dropColumn('pin_failures').execute();
}
