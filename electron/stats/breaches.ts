import { REPORT_BREACH_LIMIT, type BreachItem, type BreachList, type MissedTarget } from '../../shared/api/report';
import type { Category, MissReasonCode } from '../../shared/domain/fields';
import type { TargetKind } from '../../shared/timing/compliance';
import type { BreachRow, StatsQueries, TransferDue } from '../store/statsQueries';
import type { StatsRange } from './range';

/** A target ending at `end` (null: still running) missed its due time, as the timing core judges it. */
const missed = (due: number | null, end: number | null, now: number) => due !== null && (end ?? now) > due;

/**
 * Which targets of a record were missed, read from the due times the timing
 * core stored (dueColumns.ts), in the order the record view lists them.
 * @example missedTargets(row, [], now) // [{ kind: 'response', index: 0 }]
 */
export function missedTargets(row: BreachRow, transfers: readonly TransferDue[], now: number): Array<{ kind: TargetKind; index: number }> {
  const out: Array<{ kind: TargetKind; index: number }> = [];
  if (missed(row.response_due_at, row.answered_at, now)) out.push({ kind: 'response', index: 0 });
  const ordered = [...transfers].sort((a, b) => a.seq - b.seq);
  ordered.forEach((t, i) => {
    if (missed(t.due_at, t.answered_at, now)) out.push({ kind: 'secondResponse', index: i });
  });
  if (ordered[0] && missed(row.transfer_due_at, ordered[0].transferred_at, now)) out.push({ kind: 'transferWithin', index: 0 });
  if (missed(row.resolution_due_at, row.resolved_at, now)) out.push({ kind: 'resolution', index: 0 });
  if (missed(row.told_due_at, row.result_told_at, now)) out.push({ kind: 'resultTold', index: 0 });
  if (missed(row.callback_due_at, row.callback_done_at, now)) out.push({ kind: 'callback', index: 0 });
  if (missed(row.lead_due_at, row.lead_follow_up_done_at, now)) out.push({ kind: 'leadFollowUp', index: 0 });
  return out;
}

/**
 * The period's breached records (the review's "breached": an ended target was
 * missed, or a running one is past due at `now`): how many, the reasons given,
 * and the most recent ones with their missed targets and reasons.
 */
export async function breachesOf(q: StatsQueries, r: StatsRange, limit = REPORT_BREACH_LIMIT): Promise<BreachList> {
  const { total, byReason, withoutReason, recent: rows, transfers, reasons } = await q.breaches(r, limit);
  const recent = rows.map((row): BreachItem => {
    const given = reasons.filter((m) => m.call_id === row.id);
    const reasonOf = (kind: TargetKind, index: number): MissedTarget['reason'] => {
      const found = given.find((m) => m.kind === kind && m.idx === index);
      return found ? { code: found.code as MissReasonCode, text: found.text } : null;
    };
    return {
      id: row.id,
      deskCode: row.desk_code,
      recordNo: row.record_no,
      callAt: row.call_at,
      timeZone: row.time_zone,
      agent: row.agent,
      priority: row.priority,
      category: row.category as Category | null,
      reason: row.reason,
      missed: missedTargets(row, transfers.filter((t) => t.call_id === row.id), r.now).map((t) => ({ ...t, reason: reasonOf(t.kind, t.index) })),
    };
  });
  return {
    total,
    byReason: byReason.map((row) => ({ code: row.code as MissReasonCode, targets: row.n })),
    withoutReason,
    recent,
  };
}

/** The desk codes whose records fall in the period: a database can hold several desks' merged records. */
export async function desksInRange(q: StatsQueries, r: Pick<StatsRange, 'from' | 'to'>): Promise<string[]> {
  return q.desksInRange(r);
}
