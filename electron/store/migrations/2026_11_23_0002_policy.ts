import type { Kysely } from 'kysely';

/**
 * Timing policy and compliance: versioned policies, the policy each record is
 * judged by, resolution / result-told / callback / team-lead follow-up moments,
 * and reasons for missed targets. Frozen: never import app code here.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typed against no particular schema version
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('policies')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('effective_from', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('json', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('policies_by_start').on('policies').column('effective_from').execute();

  const columns: Array<[string, 'integer' | 'text']> = [
    ['policy_id', 'integer'],
    ['resolved_at', 'integer'],
    ['result_told_at', 'integer'],
    ['callback_done_at', 'integer'],
    ['callback_by', 'text'],
    ['callback_outcome', 'text'],
    ['lead_follow_up_done_at', 'integer'],
    ['lead_follow_up_by', 'text'],
    ['lead_follow_up_outcome', 'text'],
  ];
  for (const [name, type] of columns) {
    await db.schema
      .alterTable('calls')
      .addColumn(name, type, (c) => (name === 'policy_id' ? c.references('policies.id') : c))
      .execute();
  }

  await db.schema
    .createTable('miss_reasons')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('call_id', 'integer', (c) => c.notNull().references('calls.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('idx', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('text', 'text')
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('at', 'integer', (c) => c.notNull())
    .addUniqueConstraint('miss_reasons_target', ['call_id', 'kind', 'idx'])
    .execute();
  // Follow-ups are looked up by result among open work.
  await db.schema.createIndex('calls_by_result').on('calls').columns(['result', 'resolved_at']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('calls_by_result').execute();
  await db.schema.dropTable('miss_reasons').execute();
  for (const name of [
    'lead_follow_up_outcome',
    'lead_follow_up_by',
    'lead_follow_up_done_at',
    'callback_outcome',
    'callback_by',
    'callback_done_at',
    'result_told_at',
    'resolved_at',
    'policy_id',
  ]) {
    await db.schema.alterTable('calls').dropColumn(name).execute();
  }
  await db.schema.dropTable('policies').execute();
}
