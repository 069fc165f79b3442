import type { Policy } from '../../shared/policy/schema';
import { evaluateTargets } from '../../shared/timing/compliance';
import { dueColumnsOf as dueColumnsFromTargets, NO_DUE_TIMES, type DueColumns } from '../records/dueColumns';
import type { CallRow } from '../store/schema';
import { timingOf } from '../records/callView';
import type { CallColumns, ParsedCall } from './importRow';

export type { DueColumns };

/**
 * The stored due times of an imported record, by the rule of refreshDueTimes
 * (records/callRecord.ts), worked out in memory: that function reads the
 * record back through five queries, a minute of a 100,000-record import.
 * Due and end times do not depend on `now`, so the targets are judged at the
 * call's own start, which spares walking the working calendar of an old open
 * record up to today. Tests check the result against refreshDueTimes.
 */
export function dueColumnsOf(
  call: CallColumns,
  transfers: ParsedCall['transfers'],
  stepTimes: readonly number[],
  policy: Policy,
): { columns: DueColumns; transferDueAt: Array<number | null> } {
  const transferRows = transfers.map((t, i) => ({ id: 0, call_id: 0, seq: i + 1, due_at: null, ...t }));
  const lastStepAt = stepTimes.length > 0 ? Math.max(...stepTimes) : null;
  const row: CallRow = { id: 0, ...call, ...NO_DUE_TIMES };
  const { columns, transferDueAt } = dueColumnsFromTargets(evaluateTargets(timingOf(row, transferRows, lastStepAt), policy, call.call_at));
  return { columns, transferDueAt: transfers.map((_, index) => transferDueAt[index] ?? null) };
}
