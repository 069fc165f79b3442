import { sql, type Kysely } from 'kysely';
import { visibleRow } from './2026_12_01_0009_import_batches';

/**
 * The team server's outbox (issue 14). While the desk is linked to a team
 * (`team_link` has its row), every committed change of one of the desk's own
 * records marks that record in `outbox`, in the same transaction, through
 * triggers: whatever path wrote it (a click, a follow-up, a correction, a
 * re-judge, a void) cannot forget to. The mark carries the desk's change
 * sequence (`team_link.last_seq`, raised by each mark), so the pusher sends
 * the newest snapshot of each record once, in the order of change, and the
 * server can refuse an older snapshot after a newer one.
 *
 * Only the desk's own desk code is marked: records of other desks merged in
 * from Excel stay local. A staged import's rows are not marked (nobody sees
 * them yet); publishing the batch marks its records in the publishing
 * transaction (store/importBatches.ts). With no team configured, every
 * trigger's WHEN clause is false after one lookup of an empty table.
 *
 * `outbox_parked` holds an entry the server refused for good, shown on the
 * desk, so that the queue goes on without it. No URL or secret is stored
 * here: a backup must not carry the team server's password.
 * Frozen: never import app code here.
 */

/** The desk is linked, and the call row `alias` refers to is one of its own and visible. */
const MARKS = (alias: 'NEW' | 'OLD') => `EXISTS (SELECT 1 FROM team_link) AND ${alias}.desk_code = (SELECT code FROM desk) AND ${visibleRow(alias)}`;

/** The same for a child row: its call is one of the desk's own, visible. */
const CHILD_MARKS = (alias: 'NEW' | 'OLD') =>
  `EXISTS (SELECT 1 FROM team_link) AND EXISTS (SELECT 1 FROM calls WHERE calls.id = ${alias}.call_id AND calls.desk_code = (SELECT code FROM desk) AND ${visibleRow('calls')})`;

/** Marks call `id` with the next change sequence (an upsert: one entry per record, always its newest). */
const mark = (id: string) =>
  `UPDATE team_link SET last_seq = last_seq + 1;
   INSERT INTO outbox (call_id, seq) SELECT ${id}, last_seq FROM team_link WHERE true
     ON CONFLICT (call_id) DO UPDATE SET seq = excluded.seq;`;

const CHILDREN = ['transfers', 'steps', 'miss_reasons', 'audit_log'] as const;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typed against no particular schema version
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE team_link (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    linked_at INTEGER NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('desk', 'team_lead', 'admin')),
    instance TEXT NOT NULL,
    epoch INTEGER NOT NULL DEFAULT 0,
    incarnation TEXT,
    last_seq INTEGER NOT NULL DEFAULT 0,
    pushed_seq INTEGER NOT NULL DEFAULT 0,
    last_push_at INTEGER,
    last_outcome TEXT,
    unreachable_since INTEGER,
    server_policy_version INTEGER
  )`.execute(db);
  await sql`CREATE TABLE outbox (call_id INTEGER PRIMARY KEY, seq INTEGER NOT NULL)`.execute(db);
  await sql`CREATE INDEX outbox_by_seq ON outbox (seq)`.execute(db);
  await sql`CREATE TABLE outbox_parked (call_id INTEGER PRIMARY KEY, seq INTEGER NOT NULL, parked_at INTEGER NOT NULL, reason TEXT NOT NULL)`.execute(db);
  await sql.raw(`CREATE TRIGGER outbox_on_call_insert AFTER INSERT ON calls WHEN ${MARKS('NEW')} BEGIN ${mark('NEW.id')} END`).execute(db);
  await sql.raw(`CREATE TRIGGER outbox_on_call_update AFTER UPDATE ON calls WHEN ${MARKS('NEW')} BEGIN ${mark('NEW.id')} END`).execute(db);
  for (const table of CHILDREN) {
    await sql.raw(`CREATE TRIGGER outbox_on_${table}_insert AFTER INSERT ON ${table} WHEN ${CHILD_MARKS('NEW')} BEGIN ${mark('NEW.call_id')} END`).execute(db);
    await sql.raw(`CREATE TRIGGER outbox_on_${table}_update AFTER UPDATE ON ${table} WHEN ${CHILD_MARKS('NEW')} BEGIN ${mark('NEW.call_id')} END`).execute(db);
    await sql.raw(`CREATE TRIGGER outbox_on_${table}_delete AFTER DELETE ON ${table} WHEN ${CHILD_MARKS('OLD')} BEGIN ${mark('OLD.call_id')} END`).execute(db);
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of CHILDREN) for (const event of ['insert', 'update', 'delete']) await sql.raw(`DROP TRIGGER outbox_on_${table}_${event}`).execute(db);
  await sql`DROP TRIGGER outbox_on_call_update`.execute(db);
  await sql`DROP TRIGGER outbox_on_call_insert`.execute(db);
  await sql`DROP TABLE outbox_parked`.execute(db);
  await sql`DROP TABLE outbox`.execute(db);
  await sql`DROP TABLE team_link`.execute(db);
}
