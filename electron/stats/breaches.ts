import { sql, type Kysely } from 'kysely';
import { REPORT_BREACH_LIMIT, type BreachItem, type BreachList, type MissedTarget } from '../../shared/api/report';
import type { Category, MissReasonCode } from '../../shared/domain/fields';
import type { TargetKind } from '../../shared/timing/compliance';
import type { Database } from '../store/schema';
import { visibleCalls } from '../store/visibility';
import { breachedSql, inRange, type StatsRange } from './range';

/** The columns a breached record's missed targets are read from: its stored due times and the moments that end them. */
interface BreachRow {
  id: number;
  desk_code: string;
  record_no: string;
  call_at: number;
  time_zone: string;
  agent: string;
  priority: string | null;
  category: string | null;
  reason: string | null;
  answered_at: number | null;
  response_due_at: number | null;
  resolved_at: number | null;
  resolution_due_at: number | null;
  result_told_at: number | null;
  told_due_at: number | null;
  callback_done_at: number | null;
  callback_due_at: number | null;
  lead_follow_up_done_at: number | null;
  lead_due_at: number | null;
  transfer_due_at: number | null;
}

interface TransferDue {
  call_id: number;
  seq: number;
  transferred_at: number;
  answered_at: number | null;
  due_at: number | null;
}

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
export async function breachesOf(db: Kysely<Database>, r: StatsRange, limit = REPORT_BREACH_LIMIT): Promise<BreachList> {
  const where = sql`${inRange(r)} AND ${breachedSql(r.now)}`;
  const [total, byReason, withoutReason, rows] = await Promise.all([
    sql<{ n: number }>`SELECT count(*) AS n FROM calls WHERE ${where}`.execute(db),
    sql<{ code: string; n: number }>`
      SELECT m.code AS code, count(*) AS n FROM miss_reasons m JOIN calls ON calls.id = m.call_id
      WHERE ${where} GROUP BY m.code ORDER BY n DESC, m.code`.execute(db),
    sql<{ n: number }>`SELECT count(*) AS n FROM calls WHERE ${where} AND NOT EXISTS (SELECT 1 FROM miss_reasons m WHERE m.call_id = calls.id)`.execute(db),
    sql<BreachRow>`
      SELECT id, desk_code, record_no, call_at, time_zone, agent, priority, category, reason, answered_at, response_due_at,
        resolved_at, resolution_due_at, result_told_at, told_due_at, callback_done_at, callback_due_at,
        lead_follow_up_done_at, lead_due_at, transfer_due_at
      FROM calls WHERE ${where} ORDER BY call_at DESC, id DESC LIMIT ${limit}`.execute(db),
  ]);
  const ids = rows.rows.map((row) => row.id);
  const [transfers, reasons] = ids.length === 0
    ? [[], []]
    : await Promise.all([
        db.selectFrom('transfers').select(['call_id', 'seq', 'transferred_at', 'answered_at', 'due_at']).where('call_id', 'in', ids).execute(),
        db.selectFrom('miss_reasons').select(['call_id', 'kind', 'idx', 'code', 'text']).where('call_id', 'in', ids).execute(),
      ]);
  const recent = rows.rows.map((row): BreachItem => {
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
    total: total.rows[0]?.n ?? 0,
    byReason: byReason.rows.map((row) => ({ code: row.code as MissReasonCode, targets: row.n })),
    withoutReason: withoutReason.rows[0]?.n ?? 0,
    recent,
  };
}

/** The desk codes whose records fall in the period: a database can hold several desks' merged records. */
export async function desksInRange(db: Kysely<Database>, r: Pick<StatsRange, 'from' | 'to'>): Promise<string[]> {
  const rows = await db.selectFrom('calls').select('desk_code').distinct().where('local_date', '>=', r.from).where('local_date', '<=', r.to).where(visibleCalls()).orderBy('desk_code').execute();
  return rows.map((row) => row.desk_code);
}
