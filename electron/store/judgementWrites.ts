import type BetterSqlite3 from 'better-sqlite3';
import { updateCallsInBulk, type TouchedDay } from './rollups';
import type { AuditRow, CallRow } from './schema';

/** The stored judgement of a call: its version and due columns. */
export type Judgement = Pick<
  CallRow,
  'policy_id' | 'response_due_at' | 'resolution_due_at' | 'transfer_due_at' | 'told_due_at' | 'callback_due_at' | 'lead_due_at' | 'ended_breach' | 'next_due_at'
>;

/** One re-judged call to write: its judgement, its transfers' due times, its audit rows. */
export interface JudgementWrite {
  id: number;
  judgement: Judgement;
  transfers: Array<{ seq: number; dueAt: number | null }>;
  audit: Array<Omit<AuditRow, 'id'>>;
}

/**
 * Writes a chunk of re-judged calls with prepared statements on the raw
 * connection (a query object compiled per row cost more than SQLite's work),
 * the rollup update triggers set aside and the days' rollups rebuilt
 * (updateCallsInBulk). Inside the caller's write transaction only; `days` must
 * hold the desk and local date of every call written.
 * @example writeJudgements(rawConnectionOf(db), [{ desk_code: 'A03', local_date: '2026-09-30' }], writes)
 */
export function writeJudgements(sqlite: BetterSqlite3.Database, days: readonly TouchedDay[], writes: readonly JudgementWrite[]): void {
  if (writes.length === 0) return;
  const call = sqlite.prepare(
    `UPDATE calls SET policy_id = @policy_id, response_due_at = @response_due_at, resolution_due_at = @resolution_due_at,
       transfer_due_at = @transfer_due_at, told_due_at = @told_due_at, callback_due_at = @callback_due_at, lead_due_at = @lead_due_at,
       ended_breach = @ended_breach, next_due_at = @next_due_at WHERE id = @id`,
  );
  const transfer = sqlite.prepare('UPDATE transfers SET due_at = ? WHERE call_id = ? AND seq = ?');
  const audit = sqlite.prepare(
    'INSERT INTO audit_log (call_id, field, old_value, new_value, actor, actor_id, at, reason) VALUES (@call_id, @field, @old_value, @new_value, @actor, @actor_id, @at, @reason)',
  );
  updateCallsInBulk(sqlite, days, () => {
    for (const w of writes) {
      call.run({ ...w.judgement, id: w.id });
      for (const t of w.transfers) transfer.run(t.dueAt, w.id, t.seq);
      for (const a of w.audit) audit.run(a);
    }
  });
}
