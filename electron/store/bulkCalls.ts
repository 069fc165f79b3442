import type BetterSqlite3 from 'better-sqlite3';
import type { CallRow } from './schema';

/**
 * The one bulk insert of calls with their transfers, steps and miss reasons,
 * used by the demo and the import alike. Straight through better-sqlite3
 * prepared statements, not kysely: compiling a query object per row costs more
 * than SQLite's insert itself, and a hundred thousand calls bring four hundred
 * thousand rows. The caller owns the transaction (and its size and pacing).
 */

/** A call as written: every column but its id (an import's rows name their batch; the demo's none). */
export type BulkCall = Omit<CallRow, 'id'>;

export interface NewTransfer {
  seq: number;
  to_owner: string;
  transferred_at: number;
  answered_at: number | null;
  due_at: number | null;
}

export interface NewStep {
  n: number;
  at: number;
  author: string;
  text: string;
}

export interface NewReason {
  kind: string;
  idx: number;
  code: string;
  text: string | null;
}

/** Every column of `calls` but its id, in insert order; the type check below says if one is missing. */
const CALL_COLUMNS = [
  'desk_code', 'record_no', 'local_date', 'local_hour', 'time_zone', 'agent', 'agent_id', 'call_at', 'answered_at', 'salutation', 'phone_last4',
  'customer_type', 'request_type', 'category', 'priority', 'reason', 'handler', 'result', 'follow_up_due_at', 'follow_up_owner',
  'result_note', 'feedback', 'feedback_reason', 'score_speed', 'score_professionalism', 'score_resolution', 'remarks', 'closed_at',
  'created_at', 'updated_at', 'policy_id', 'resolved_at', 'result_told_at', 'callback_done_at', 'callback_by', 'callback_outcome',
  'lead_follow_up_done_at', 'lead_follow_up_by', 'lead_follow_up_outcome', 'response_due_at', 'resolution_due_at', 'transfer_due_at',
  'told_due_at', 'callback_due_at', 'lead_due_at', 'ended_breach', 'next_due_at', 'clock_behind_ms', 'source_ref', 'untracked_targets',
  'import_batch', 'voided_at', 'voided_by', 'void_reason',
] as const satisfies ReadonlyArray<keyof BulkCall>;
type Missing = Exclude<keyof BulkCall, (typeof CALL_COLUMNS)[number]>;
const allColumns: [Missing] extends [never] ? true : Missing = true;
void allColumns;

/** Steps go in sixteen rows a statement: half the time of a statement per row, for three steps a call. */
const STEPS_PER_STATEMENT = 16;
const STEP_ROW = '(?, ?, ?, ?, ?)';

/**
 * Writes calls and their children inside the caller's transaction. Steps are
 * held back to go sixteen a statement: call `flush` before the transaction
 * commits (it writes what is left, and the writer can go on after).
 * @example const writer = new BulkCallWriter(sqlite); const id = writer.call(row); writer.step(id, s); writer.flush();
 */
export class BulkCallWriter {
  private readonly insertCall: BetterSqlite3.Statement;
  private readonly insertTransfer: BetterSqlite3.Statement;
  private readonly insertStep: BetterSqlite3.Statement;
  private readonly insertSteps: BetterSqlite3.Statement;
  private readonly insertReason: BetterSqlite3.Statement;
  private readonly pendingSteps: Array<number | string> = [];
  private stepsWritten = 0;

  constructor(sqlite: BetterSqlite3.Database) {
    this.insertCall = sqlite.prepare(`INSERT INTO calls (${CALL_COLUMNS.join(', ')}) VALUES (${CALL_COLUMNS.map(() => '?').join(', ')})`);
    this.insertTransfer = sqlite.prepare('INSERT INTO transfers (call_id, seq, to_owner, transferred_at, answered_at, due_at) VALUES (?, ?, ?, ?, ?, ?)');
    this.insertStep = sqlite.prepare(`INSERT INTO steps (call_id, n, at, author, text) VALUES ${STEP_ROW}`);
    this.insertSteps = sqlite.prepare(`INSERT INTO steps (call_id, n, at, author, text) VALUES ${Array<string>(STEPS_PER_STATEMENT).fill(STEP_ROW).join(', ')}`);
    this.insertReason = sqlite.prepare('INSERT INTO miss_reasons (call_id, kind, idx, code, text, author, at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  }

  /** Inserts the call; returns its id. */
  call(row: BulkCall): number {
    return Number(this.insertCall.run(CALL_COLUMNS.map((c) => row[c])).lastInsertRowid);
  }

  transfer(callId: number, t: NewTransfer): void {
    this.insertTransfer.run(callId, t.seq, t.to_owner, t.transferred_at, t.answered_at, t.due_at);
  }

  step(callId: number, s: NewStep): void {
    this.pendingSteps.push(callId, s.n, s.at, s.author, s.text);
    if (this.pendingSteps.length === STEPS_PER_STATEMENT * 5) {
      this.insertSteps.run(this.pendingSteps);
      this.stepsWritten += STEPS_PER_STATEMENT;
      this.pendingSteps.length = 0;
    }
  }

  /** A miss reason, said by `author` at `at` (the import's user and time, or the demo's own). */
  reason(callId: number, r: NewReason, author: string, at: number): void {
    this.insertReason.run(callId, r.kind, r.idx, r.code, r.text, author, at);
  }

  /** Writes the steps held back; returns the steps written by this writer so far. */
  flush(): number {
    for (let i = 0; i < this.pendingSteps.length; i += 5) this.insertStep.run(this.pendingSteps.slice(i, i + 5));
    this.stepsWritten += this.pendingSteps.length / 5;
    this.pendingSteps.length = 0;
    return this.stepsWritten;
  }
}

/**
 * The one serial rule: a day's counter only goes up (last_serial = max(old, new)),
 * so a serial once handed out is never handed out again.
 * @example const raise = serialRaiser(sqlite); raise('A03', '2024-05-20', 17);
 */
export function serialRaiser(sqlite: BetterSqlite3.Database): (deskCode: string, localDate: string, lastSerial: number) => void {
  const raise = sqlite.prepare(
    'INSERT INTO daily_serials (desk_code, local_date, last_serial) VALUES (?, ?, ?) ON CONFLICT (desk_code, local_date) DO UPDATE SET last_serial = max(daily_serials.last_serial, excluded.last_serial)',
  );
  return (deskCode, localDate, lastSerial) => {
    raise.run(deskCode, localDate, lastSerial);
  };
}
