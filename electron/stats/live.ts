import type { RunningRow } from '../store/statsQueries';

export type { RunningRow };

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
