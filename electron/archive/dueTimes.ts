import type { Policy } from '../../shared/policy/schema';
import { evaluateTargets, REASON_REQUIRED, type TargetKind } from '../../shared/timing/compliance';
import type { CallRow } from '../store/schema';
import { timingOf } from '../handlers/callView';
import type { CallColumns, ParsedCall } from './importRow';

export type DueColumns = Pick<CallRow, 'response_due_at' | 'resolution_due_at' | 'transfer_due_at' | 'told_due_at' | 'callback_due_at' | 'lead_due_at' | 'ended_breach' | 'next_due_at'>;

const NO_DUE_TIMES: DueColumns = {
  response_due_at: null,
  resolution_due_at: null,
  transfer_due_at: null,
  told_due_at: null,
  callback_due_at: null,
  lead_due_at: null,
  ended_breach: null,
  next_due_at: null,
};

/**
 * The stored due times of an imported record, by the rule of refreshDueTimes
 * (handlers/callRecord.ts), worked out in memory: that function reads the
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
  const targets = evaluateTargets(timingOf(row, transferRows, lastStepAt), policy, call.call_at);
  const due = (kind: TargetKind) => targets.find((t) => t.kind === kind && t.state !== 'na')?.dueAt ?? null;
  const needReasons = targets.filter((t) => REASON_REQUIRED.has(t.kind) && t.state !== 'na');
  const running = needReasons.filter((t) => t.endAt === null).map((t) => t.dueAt!);
  const transferDueAt: Array<number | null> = transfers.map(() => null);
  for (const t of targets) if (t.kind === 'secondResponse') transferDueAt[t.index] = t.dueAt;
  return {
    columns: {
      response_due_at: due('response'),
      resolution_due_at: due('resolution'),
      transfer_due_at: due('transferWithin'),
      told_due_at: due('resultTold'),
      callback_due_at: due('callback'),
      lead_due_at: due('leadFollowUp'),
      ended_breach: needReasons.some((t) => t.endAt !== null && t.state === 'breached') ? 1 : 0,
      next_due_at: running.length > 0 ? Math.min(...running) : null,
    },
    transferDueAt,
  };
}
