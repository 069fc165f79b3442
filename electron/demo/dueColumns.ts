import type { Policy } from '../../shared/policy/schema';
import { evaluateTargets, REASON_REQUIRED, type TargetKind, type TargetStatus } from '../../shared/timing/compliance';
import { timingOf } from '../handlers/callView';
import type { CallRow } from '../store/schema';
import type { DemoCall } from './callStory';

/** The due-time columns of a call row, as refreshDueTimes (handlers/callRecord.ts) stores them. */
export type DueColumns = Pick<
  CallRow,
  'response_due_at' | 'resolution_due_at' | 'transfer_due_at' | 'told_due_at' | 'callback_due_at' | 'lead_due_at' | 'ended_breach' | 'next_due_at'
>;

/**
 * A record's stored due times from its targets: the same rule as refreshDueTimes,
 * as a pure function (that one reads and writes through kysely, too slow for a bulk load).
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

/**
 * A generated call's targets as evaluateTargets judges them at `now`, from the same
 * timing input the handlers build (timingOf): every target's due and end times, and
 * which are breached, exactly. Evaluated at the record's last moment (every clock has
 * stopped or is young there), then each target still running is breached exactly when
 * `now` is past its due time, evaluateTargets' own rule. Evaluating at `now` itself
 * would walk the working-time clock of every year-old open record day by day up to
 * `now` (a third of the time of a million-call load) for clock readings nobody stores.
 * A running target not yet due keeps its state as of the last moment ('running' or 'near').
 */
export function judgeCall(call: DemoCall, policy: Policy, now: number): JudgedTarget[] {
  let lastStepAt: number | null = null;
  for (const s of call.steps) if (lastStepAt === null || s.at > lastStepAt) lastStepAt = s.at;
  const transfers = call.transfers.map((t) => ({ id: 0, call_id: 0, ...t }));
  const input = timingOf({ id: 0, ...call.row }, transfers, lastStepAt);
  return evaluateTargets(input, policy, Math.min(now, call.row.updated_at)).map((t) =>
    t.state !== 'na' && t.endAt === null && now > t.dueAt! ? { ...t, state: 'breached' as const } : t,
  );
}

/** Fills the call's due columns and its transfers' due times in place. */
export function applyDueColumns(call: DemoCall, targets: readonly JudgedTarget[]): void {
  const { columns, transferDueAt } = dueColumnsOf(targets);
  Object.assign(call.row, columns);
  call.transfers.forEach((t, i) => {
    t.due_at = transferDueAt[i] ?? null;
  });
}
