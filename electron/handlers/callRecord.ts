import type { Kysely } from 'kysely';
import type { CallRecord } from '../../shared/api/records';
import { HotlineError } from '../../shared/api/result';
import { findCall, listSteps, listTransfers, updateCall } from '../store/calls';
import type { CallRow, Database, DeskRow } from '../store/schema';
import { inWriteTransaction } from '../store/writeTransaction';
import { toCallRecord } from './callView';
import { requireDesk, type HandlerContext } from './context';

/** Loads one whole record (row, transfers, steps) as the renderer sees it. */
export async function loadRecord(db: Kysely<Database>, id: number): Promise<CallRecord> {
  const row = await findCall(db, id);
  if (!row) throw new HotlineError('not_found', `There is no record with id ${id}.`);
  return toCallRecord(row, await listTransfers(db, id), await listSteps(db, id));
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
