import { sql, type Kysely } from 'kysely';
import type { Database } from '../store/schema';
import { visibleCalls } from '../store/visibility';
import type { StatsRange } from './range';

/** A record of the range with a target still running: its share of the figures depends on "now". */
export interface RunningRow {
  priority: string | null;
  category: string | null;
  agent: string;
  answered_at: number | null;
  response_due_at: number | null;
  resolved_at: number | null;
  resolution_due_at: number | null;
  result: string | null;
  ended_breach: number | null;
  next_due_at: number;
  callback_due_at: number | null;
  callback_done_at: number | null;
  lead_due_at: number | null;
  lead_follow_up_done_at: number | null;
}

/** Reads the range's records with running targets (the calls_running partial index keeps this small and quick). */
export async function runningRows(db: Kysely<Database>, r: StatsRange): Promise<RunningRow[]> {
  const rows = await sql<RunningRow>`
    SELECT priority, category, agent, answered_at, response_due_at, resolved_at, resolution_due_at, result, ended_breach,
           next_due_at, callback_due_at, callback_done_at, lead_due_at, lead_follow_up_done_at
    FROM calls INDEXED BY calls_running WHERE local_date BETWEEN ${r.from} AND ${r.to} AND next_due_at IS NOT NULL AND voided_at IS NULL AND ${visibleCalls()}`.execute(db);
  return rows.rows;
}

/** The response target is decided by now although nobody answered: a miss. */
export const responseMissedUnanswered = (row: RunningRow, now: number) => row.answered_at === null && row.response_due_at !== null && row.response_due_at < now;
/** The resolution target is decided by now although it is not resolved: a miss. */
export const resolutionMissedOpen = (row: RunningRow, now: number) =>
  row.resolved_at === null && row.result !== 'cannot_resolve' && row.resolution_due_at !== null && row.resolution_due_at < now;
/** A running target past due on a record whose ended targets were all met. */
export const runningBreach = (row: RunningRow, now: number) => row.ended_breach !== 1 && row.next_due_at < now;
export const inProgressOpen = (row: RunningRow) => (row.result === 'in_progress' || row.result === 'escalated') && row.resolved_at === null;

/** Counts rows per key for which `test` holds. */
export function countBy(rows: readonly RunningRow[], key: (row: RunningRow) => string, test: (row: RunningRow) => boolean): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of rows) if (test(row)) counts.set(key(row), (counts.get(key(row)) ?? 0) + 1);
  return counts;
}
