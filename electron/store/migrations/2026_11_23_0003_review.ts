import { sql, type Kysely } from 'kysely';

/**
 * Team-lead review: people and roles, due times stored with each record (so the
 * review and statistics filter and count in SQL at a million rows), the
 * append-only audit trail, day sign-offs and improvement measures.
 * Frozen: never import app code here.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typed against no particular schema version
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role IN ('agent', 'team_lead', 'admin')`))
    .addColumn('pin_hash', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .execute();
  // Whoever set the desk up administers it.
  await sql`INSERT INTO users (name, role, created_at) SELECT agent_name, 'admin', created_at FROM desk`.execute(db);

  for (const column of ['agent_id', 'response_due_at', 'resolution_due_at', 'transfer_due_at', 'told_due_at', 'callback_due_at', 'lead_due_at', 'ended_breach', 'next_due_at', 'local_hour']) {
    await db.schema
      .alterTable('calls')
      .addColumn(column, 'integer', (c) => (column === 'agent_id' ? c.references('users.id') : c))
      .execute();
  }
  await sql`UPDATE calls SET agent_id = (SELECT id FROM users WHERE users.name = calls.agent)`.execute(db);
  await db.schema.alterTable('transfers').addColumn('due_at', 'integer').execute();
  await db.schema.createIndex('calls_by_date').on('calls').columns(['local_date', 'call_at']).execute();
  await db.schema.createIndex('calls_by_agent').on('calls').columns(['agent_id', 'local_date']).execute();
  await db.schema.createIndex('transfers_by_owner').on('transfers').columns(['to_owner']).execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('call_id', 'integer', (c) => c.notNull().references('calls.id'))
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('old_value', 'text')
    .addColumn('new_value', 'text')
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'integer')
    .addColumn('at', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text')
    .execute();
  await db.schema.createIndex('audit_by_call').on('audit_log').columns(['call_id', 'id']).execute();
  // Append-only, enforced by the database itself, whatever code runs against it.
  await sql`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END`.execute(db);
  await sql`CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END`.execute(db);

  await db.schema
    .createTable('day_signoffs')
    .addColumn('desk_code', 'text', (c) => c.notNull())
    .addColumn('local_date', 'text', (c) => c.notNull())
    .addColumn('signed_by', 'text', (c) => c.notNull())
    .addColumn('signed_by_id', 'integer', (c) => c.references('users.id'))
    .addColumn('signed_at', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('day_signoffs_pk', ['desk_code', 'local_date'])
    .execute();

  await db.schema
    .createTable('improvement_measures')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('problem', 'text', (c) => c.notNull())
    .addColumn('root_cause', 'text', (c) => c.notNull())
    .addColumn('measure', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('deadline', 'text', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('improvement_measures').execute();
  await db.schema.dropTable('day_signoffs').execute();
  await db.schema.dropTable('audit_log').execute();
  await db.schema.dropIndex('transfers_by_owner').execute();
  await db.schema.dropIndex('calls_by_agent').execute();
  await db.schema.dropIndex('calls_by_date').execute();
  await db.schema.alterTable('transfers').dropColumn('due_at').execute();
  for (const column of ['local_hour', 'next_due_at', 'ended_breach', 'lead_due_at', 'callback_due_at', 'told_due_at', 'transfer_due_at', 'resolution_due_at', 'response_due_at', 'agent_id']) {
    await db.schema.alterTable('calls').dropColumn(column).execute();
  }
  await db.schema.dropTable('users').execute();
}
