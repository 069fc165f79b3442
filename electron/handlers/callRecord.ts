import type { Kysely } from 'kysely';
import type { CallRecord } from '../../shared/api/records';
import { HotlineError } from '../../shared/api/result';
import { findCall, listSteps, listTransfers, updateCall } from '../store/calls';
import { listMissReasons } from '../store/missReasons';
import type { CallRow, Database, DeskRow } from '../store/schema';
import { inWriteTransaction } from '../store/writeTransaction';
import { evaluateTargets, missingReasons, type TargetStatus } from '../../shared/timing/compliance';
import { timingOf, toCallRecord } from './callView';
import { policyOf } from './policy';
import { requireDesk, type HandlerContext } from './context';

/** Loads one whole record (row, transfers, steps) as the renderer sees it. */
export async function loadRecord(db: Kysely<Database>, id: number): Promise<CallRecord> {
  const row = await findCall(db, id);
  if (!row) throw new HotlineError('not_found', `There is no record with id ${id}.`);
  return toCallRecord(row, await listTransfers(db, id), await listSteps(db, id), await listMissReasons(db, [id]));
}

export interface Change {
  trx: Kysely<Database>;
  row: CallRow;
  desk: DeskRow;
  now: number;
}

/**
 * One click on one record: reads it, lets `apply` check and write, stamps
 * updated_at, and commits, all in one write transaction; returns the record
 * as saved. Nothing is half-applied when `apply` throws.
 */
export async function changeRecord(
  ctx: HandlerContext,
  id: number,
  apply: (change: Change) => Promise<void>,
): Promise<CallRecord> {
  return inWriteTransaction(ctx.db, async (trx) => {
    const desk = await requireDesk(trx);
    const row = await findCall(trx, id);
    if (!row) throw new HotlineError('not_found', `There is no record with id ${id}.`);
    const now = ctx.now();
    await apply({ trx, row, desk, now });
    await updateCall(trx, id, { updated_at: now });
    return loadRecord(trx, id);
  });
}

export function refuseIfClosed(row: CallRow): void {
  if (row.closed_at !== null) {
    throw new HotlineError('already_closed', `Call ${row.record_no} is already closed.`);
  }
}

/** Moments of a call are logged in order: a later click may not carry an earlier time. */
export function refuseIfBefore(at: number, earliest: number, code: 'answer_before_call' | 'before_previous_step'): void {
  if (at < earliest) {
    const message =
      code === 'answer_before_call'
        ? 'The answer time is before the call came in.'
        : 'That time is before the previous moment logged on this call.';
    throw new HotlineError(code, message, 'at');
  }
}

/** A record's targets as they stand at `now`, judged by the policy version in force when its call came in. */
export async function targetsOf(db: Kysely<Database>, row: CallRow, now: number): Promise<TargetStatus[]> {
  const [transfers, steps, { policy }] = await Promise.all([listTransfers(db, row.id), listSteps(db, row.id), policyOf(db, row.policy_id)]);
  const lastStepAt = steps.length > 0 ? Math.max(...steps.map((s) => s.at)) : null;
  return evaluateTargets(timingOf(row, transfers, lastStepAt), policy, now);
}

/** A record that missed a target cannot close (nor its day be signed off) until each miss has a reason. */
export async function refuseIfReasonsMissing(db: Kysely<Database>, row: CallRow, now: number): Promise<void> {
  const given = (await listMissReasons(db, [row.id])).map((r) => ({ kind: r.kind, index: r.idx }));
  const missing = missingReasons(await targetsOf(db, row, now), given);
  if (missing.length > 0) {
    const kinds = missing.map((t) => (t.kind === 'secondResponse' ? `${t.kind} #${t.index + 1}` : t.kind));
    throw new HotlineError('miss_reason_required', `Give a reason for each missed target first: ${kinds.join(', ')}.`, 'missReasons', kinds);
  }
}
