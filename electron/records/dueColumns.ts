import { REASON_REQUIRED, type TargetKind, type TargetStatus } from '../../shared/timing/compliance';
import type { CallRow } from '../store/schema';

/** The due-time columns of a call row: what review filters and statistics count in SQL. */
export type DueColumns = Pick<
  CallRow,
  'response_due_at' | 'resolution_due_at' | 'transfer_due_at' | 'told_due_at' | 'callback_due_at' | 'lead_due_at' | 'ended_breach' | 'next_due_at'
>;

/** A row before the timing core has judged it: the due columns its insert starts with. */
export const NO_DUE_TIMES: DueColumns = {
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
 * A record's stored due times from its targets, as a pure function: refreshDueTimes
 * (records/callRecord.ts) writes them after every change, the demo filler in bulk.
 * `transferDueAt[i]` is the due time of transfer seq i + 1.
 * @example dueColumnsOf(evaluateTargets(timing, policy, now)).columns.response_due_at
 */
export function dueColumnsOf(targets: readonly JudgedTarget[]): { columns: DueColumns; transferDueAt: Array<number | null> } {
  const due = (kind: TargetKind) => targets.find((t) => t.kind === kind && t.state !== 'na')?.dueAt ?? null;
  const needReasons = targets.filter((t) => REASON_REQUIRED.has(t.kind) && t.state !== 'na');
  const running = needReasons.filter((t) => t.endAt === null).map((t) => t.dueAt!);
  const transferDueAt: Array<number | null> = [];
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

/** What the demo keeps of a target: everything but its clock readings (elapsed, remaining, used). */
export type JudgedTarget = Pick<TargetStatus, 'kind' | 'index' | 'state' | 'dueAt' | 'endAt'>;

