import type BetterSqlite3 from 'better-sqlite3';
import type { CallColumns, DemoCall } from './callStory';

/**
 * Writes the demo calls straight through better-sqlite3 prepared statements,
 * many thousand rows per transaction. Not through kysely: compiling a query
 * object per row costs more than SQLite's insert itself, and a million calls
 * bring four million rows (calls, steps, transfers, reasons).
 */

/** What the generator hands the writer: a call, or a day's final serial (written with that day's first call). */
export type DemoItem = { kind: 'call'; call: DemoCall } | { kind: 'serial'; deskCode: string; localDate: string; lastSerial: number };

/** Calls per transaction: large enough that commits cost nothing, small enough that progress shows. */
export const BATCH_SIZE = 20_000;

/** Every column of `calls` but its id, in insert order; the type check below says if one is missing. */
const CALL_COLUMNS = [
  'desk_code', 'record_no', 'local_date', 'local_hour', 'time_zone', 'agent', 'agent_id', 'call_at', 'answered_at', 'salutation', 'phone_last4',
  'customer_type', 'request_type', 'category', 'priority', 'reason', 'handler', 'result', 'follow_up_due_at', 'follow_up_owner',
  'result_note', 'feedback', 'feedback_reason', 'score_speed', 'score_professionalism', 'score_resolution', 'remarks', 'closed_at',
  'created_at', 'updated_at', 'policy_id', 'resolved_at', 'result_told_at', 'callback_done_at', 'callback_by', 'callback_outcome',
  'lead_follow_up_done_at', 'lead_follow_up_by', 'lead_follow_up_outcome', 'response_due_at', 'resolution_due_at', 'transfer_due_at',
  'told_due_at', 'callback_due_at', 'lead_due_at', 'ended_breach', 'next_due_at', 'clock_behind_ms', 'source_ref', 'untracked_targets',
  'import_batch', 'voided_at', 'voided_by', 'void_reason',
] as const satisfies ReadonlyArray<keyof CallColumns>;
type Missing = Exclude<keyof CallColumns, (typeof CALL_COLUMNS)[number]>;
const allColumns: [Missing] extends [never] ? true : Missing = true;
void allColumns;

/**
 * Drains `items` into the database, BATCH_SIZE calls per BEGIN IMMEDIATE transaction,
 * calling `onBatch` with the running total after each commit. Returns the calls written.
 */
export function writeDemo(sqlite: BetterSqlite3.Database, items: Iterator<DemoItem>, onBatch: (written: number) => void): number {
  const insertCall = sqlite.prepare(`INSERT INTO calls (${CALL_COLUMNS.join(', ')}) VALUES (${CALL_COLUMNS.map(() => '?').join(', ')})`);
  const insertTransfer = sqlite.prepare('INSERT INTO transfers (call_id, seq, to_owner, transferred_at, answered_at, due_at) VALUES (?, ?, ?, ?, ?, ?)');
  const insertStep = sqlite.prepare('INSERT INTO steps (call_id, n, at, author, text) VALUES (?, ?, ?, ?, ?)');
  const insertReason = sqlite.prepare('INSERT INTO miss_reasons (call_id, kind, idx, code, text, author, at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  // A day's serial is written up front with its final value: a load cut short leaves a gap, never a reused number.
  const upsertSerial = sqlite.prepare(
    'INSERT INTO daily_serials (desk_code, local_date, last_serial) VALUES (?, ?, ?) ON CONFLICT (desk_code, local_date) DO UPDATE SET last_serial = excluded.last_serial',
  );

  const writeCall = ({ row, transfers, steps, reasons }: DemoCall): void => {
    const id = Number(insertCall.run(CALL_COLUMNS.map((c) => row[c])).lastInsertRowid);
    for (const t of transfers) insertTransfer.run(id, t.seq, t.to_owner, t.transferred_at, t.answered_at, t.due_at);
    for (const s of steps) insertStep.run(id, s.n, s.at, s.author, s.text);
    for (const r of reasons) insertReason.run(id, r.kind, r.idx, r.code, r.text, r.author, r.at);
  };
  const batch = sqlite.transaction((): { calls: number; done: boolean } => {
    let calls = 0;
    while (calls < BATCH_SIZE) {
      const next = items.next();
      if (next.done) return { calls, done: true };
      const item = next.value;
      if (item.kind === 'serial') upsertSerial.run(item.deskCode, item.localDate, item.lastSerial);
      else {
        writeCall(item.call);
        calls++;
      }
    }
    return { calls, done: false };
  });

  const synchronous = sqlite.pragma('synchronous', { simple: true }) as number;
  const cacheSize = sqlite.pragma('cache_size', { simple: true }) as number;
  // A bulk load skips the fsync per commit: a power cut midway leaves a half-filled demo
  // database, which is disposable (run the demo again on a new file). Restored right after,
  // to openDb's FULL, before anyone logs a real call on this connection.
  sqlite.pragma('synchronous = OFF');
  // Six indexes on calls: a larger page cache keeps their hot pages in memory during the load.
  sqlite.pragma('cache_size = -131072');
  let written = 0;
  try {
    for (;;) {
      const { calls, done } = batch.immediate();
      written += calls;
      if (calls > 0) onBatch(written);
      if (done) return written;
    }
  } finally {
    sqlite.pragma(`cache_size = ${cacheSize}`);
    sqlite.pragma(`synchronous = ${synchronous}`);
    // Fold the WAL into the file, so it is whole on its own (to copy, or to measure).
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
  }
}
