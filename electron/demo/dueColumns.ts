import type { Policy } from '../../shared/policy/schema';
import { evaluateTargets } from '../../shared/timing/compliance';
import { dueColumnsOf, type DueColumns, type JudgedTarget } from '../records/dueColumns';

export type { DueColumns, JudgedTarget };
import { timingOf } from '../records/callView';
import type { DemoCall } from './callStory';

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
