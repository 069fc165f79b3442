import { sql, type Kysely } from 'kysely';

/**
 * Telephony to the team server (issue 15). While the desk is linked, every
 * change of a phone_calls row, and of one of the desk's own missed_calls rows,
 * marks it in `phone_outbox` in the same transaction, with the desk's one
 * change sequence (`team_link.last_seq`, shared with the record outbox of
 * 0011, so one high-water mark orders both). A second outbox, not rows in
 * 0011's: that one is keyed on a calls row and read as whole records; phone
 * rows are flat facts of two other tables, pushed by their own server function.
 * `phone_outbox_parked` holds a row the server refused for good, as
 * outbox_parked does for records.
 *
 * `queue_snapshots`: the newest QueueSummary the desk's AMI link saw per
 * (pbx, queue), written by the main process and reported to the team board by
 * the bulk worker's sync (`reported` = 0 until it has been sent).
 * Frozen: never import app code here.
 */

const LINKED = 'EXISTS (SELECT 1 FROM team_link)';
const OWN_MISSED = (alias: 'NEW' | 'OLD') => `${LINKED} AND ${alias}.desk_code = (SELECT code FROM desk)`;

/** Marks row `id` of `kind` with the next change sequence (an upsert: one entry per row, always its newest). */
const mark = (kind: 'call' | 'missed', id: string) =>
  `UPDATE team_link SET last_seq = last_seq + 1;
   INSERT INTO phone_outbox (kind, row_id, seq) SELECT '${kind}', ${id}, last_seq FROM team_link WHERE true
     ON CONFLICT (kind, row_id) DO UPDATE SET seq = excluded.seq;`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typed against no particular schema version
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE phone_outbox (
    kind TEXT NOT NULL CHECK (kind IN ('call', 'missed')),
    row_id INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    PRIMARY KEY (kind, row_id)
  )`.execute(db);
  await sql`CREATE INDEX phone_outbox_by_seq ON phone_outbox (seq)`.execute(db);
  await sql`CREATE TABLE phone_outbox_parked (
    kind TEXT NOT NULL,
    row_id INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    parked_at INTEGER NOT NULL,
    reason TEXT NOT NULL,
    PRIMARY KEY (kind, row_id)
  )`.execute(db);
  await sql.raw(`CREATE TRIGGER phone_outbox_on_call_insert AFTER INSERT ON phone_calls WHEN ${LINKED} BEGIN ${mark('call', 'NEW.id')} END`).execute(db);
  await sql.raw(`CREATE TRIGGER phone_outbox_on_call_update AFTER UPDATE ON phone_calls WHEN ${LINKED} BEGIN ${mark('call', 'NEW.id')} END`).execute(db);
  await sql.raw(`CREATE TRIGGER phone_outbox_on_missed_insert AFTER INSERT ON missed_calls WHEN ${OWN_MISSED('NEW')} BEGIN ${mark('missed', 'NEW.id')} END`).execute(db);
  await sql.raw(`CREATE TRIGGER phone_outbox_on_missed_update AFTER UPDATE ON missed_calls WHEN ${OWN_MISSED('NEW')} BEGIN ${mark('missed', 'NEW.id')} END`).execute(db);
  await sql`CREATE TABLE queue_snapshots (
    pbx TEXT NOT NULL,
    queue TEXT NOT NULL,
    waiting INTEGER NOT NULL,
    longest_wait_sec REAL NOT NULL,
    available INTEGER,
    at INTEGER NOT NULL,
    reported INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (pbx, queue)
  )`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['call_insert', 'call_update', 'missed_insert', 'missed_update']) await sql.raw(`DROP TRIGGER phone_outbox_on_${t}`).execute(db);
  await sql`DROP TABLE queue_snapshots`.execute(db);
  await sql`DROP TABLE phone_outbox_parked`.execute(db);
  await sql`DROP TABLE phone_outbox`.execute(db);
}
