import { sql, type Kysely } from 'kysely';

/**
 * The logging desk: one desk, its calls, their transfers and steps, and the
 * daily serial counters behind record numbers. Frozen: never import app code here.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typed against no particular schema version
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('desk')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('agent_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('calls')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('desk_code', 'text', (c) => c.notNull())
    .addColumn('record_no', 'text', (c) => c.notNull())
    .addColumn('local_date', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('agent', 'text', (c) => c.notNull())
    .addColumn('call_at', 'integer', (c) => c.notNull())
    .addColumn('answered_at', 'integer')
    .addColumn('salutation', 'text')
    // Privacy (SPEC): the database itself refuses anything but four digits here.
    .addColumn('phone_last4', 'text', (c) => c.check(sql`phone_last4 GLOB '[0-9][0-9][0-9][0-9]'`))
    .addColumn('customer_type', 'text')
    .addColumn('request_type', 'text')
    .addColumn('category', 'text')
    .addColumn('priority', 'text')
    .addColumn('reason', 'text')
    .addColumn('handler', 'text')
    .addColumn('result', 'text')
    .addColumn('follow_up_due_at', 'integer')
    .addColumn('follow_up_owner', 'text')
    .addColumn('result_note', 'text')
    .addColumn('feedback', 'text')
    .addColumn('feedback_reason', 'text')
    .addColumn('score_speed', 'integer', (c) => c.check(sql`score_speed BETWEEN 1 AND 5`))
    .addColumn('score_professionalism', 'integer', (c) => c.check(sql`score_professionalism BETWEEN 1 AND 5`))
    .addColumn('score_resolution', 'integer', (c) => c.check(sql`score_resolution BETWEEN 1 AND 5`))
    .addColumn('remarks', 'text')
    .addColumn('closed_at', 'integer')
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    // A record's identity across the team: desk code + record number.
    .addUniqueConstraint('calls_desk_record_no', ['desk_code', 'record_no'])
    .execute();
  await db.schema.createIndex('calls_by_day').on('calls').columns(['desk_code', 'local_date', 'call_at']).execute();
  await db.schema.createIndex('calls_by_reason').on('calls').column('reason').execute();

  await db.schema
    .createTable('transfers')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('call_id', 'integer', (c) => c.notNull().references('calls.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('to_owner', 'text', (c) => c.notNull())
    .addColumn('transferred_at', 'integer', (c) => c.notNull())
    .addColumn('answered_at', 'integer')
    .addUniqueConstraint('transfers_call_seq', ['call_id', 'seq'])
    .execute();

  await db.schema
    .createTable('steps')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('call_id', 'integer', (c) => c.notNull().references('calls.id'))
    .addColumn('n', 'integer', (c) => c.notNull())
    .addColumn('at', 'integer', (c) => c.notNull())
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addUniqueConstraint('steps_call_n', ['call_id', 'n'])
    .execute();

  await db.schema
    .createTable('daily_serials')
    .addColumn('desk_code', 'text', (c) => c.notNull())
    .addColumn('local_date', 'text', (c) => c.notNull())
    .addColumn('last_serial', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('daily_serials_pk', ['desk_code', 'local_date'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['daily_serials', 'steps', 'transfers', 'calls', 'desk']) {
    await db.schema.dropTable(table).execute();
  }
}
