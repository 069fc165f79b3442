import type { Kysely } from 'kysely';
import type { Database, DeskRow, PhoneCallRow } from '../store/schema';
import { findCall, listSteps, updateCall } from '../store/calls';
import { findMissedCall, insertMissedCall, markCalledBack, takeMissedSerial, updatePhoneCall } from '../store/phoneCalls';
import { policyInForceAt } from '../store/policies';
import { inWriteTransaction } from '../store/writeTransaction';
import { localDate, localHour } from '../../shared/timing/localTime';
import { callbackDueAt } from '../../shared/timing/missedCallback';
import { changeRecordIn, type RecordContext } from './callRecord';
import { currentPolicy, policyOf } from './policies';
import { requireDesk, requireUser, type Session } from './deskAndUser';

/**
 * Missed calls (issue 15): hung up before an answer, abandoned in a queue, not
 * answered. A record kind of their own, out of the records' figures:
 * - their own number series, 'MC' + the local date + a daily serial;
 * - their time (queue entry or first ring), wait and the last four digits;
 * - a callback target from the policy in force when the call came in
 *   (`telephony.missedCallbackWithin`, by default 1 working hour). The desk never
 *   has the number, so the callback is made from the phone's or the PBX's
 *   missed-call list; it is met by an outbound call to the same last four digits
 *   (records/phoneEvents.ts) or by an agent marking it called back.
 */

/** A missed call's number: 'MC' + local YYYYMMDD + a daily serial of at least three digits. */
export function formatMissedNo(localDay: string, serial: number): string {
  return `MC${localDay.replace(/-/g, '')}${String(serial).padStart(3, '0')}`;
}

/**
 * Logs the missed call an unanswered call left, once per (pbx, call id); a
 * record the phone opened for it that nobody worked on is voided, naming the
 * missed call. A record the agent answered by a click stays as it is, and no
 * missed call is logged: the agent spoke to the caller. Returns the missed
 * call's id, or null when none is logged.
 */
export async function logMissedCall(trx: Kysely<Database>, phone: RecordContext, desk: DeskRow, call: PhoneCallRow, now: number): Promise<number | null> {
  const existing = await findMissedCall(trx, call.pbx, call.call_id);
  if (existing) {
    await updatePhoneCall(trx, call.id, { missed_call_id: existing.id });
    return existing.id;
  }
  const record = call.call_record_id === null ? undefined : await findCall(trx, call.call_record_id);
  if (record && record.voided_at === null && record.answered_at !== null) return null;

  const callAt = call.offered_at;
  const day = localDate(callAt, desk.time_zone);
  const missedNo = formatMissedNo(day, await takeMissedSerial(trx, desk.code, day));
  await currentPolicy(trx);
  const policyRow = await policyInForceAt(trx, callAt);
  const { policy } = await policyOf(trx, policyRow?.id ?? null);
  const missed = await insertMissedCall(trx, {
    desk_code: desk.code,
    missed_no: missedNo,
    local_date: day,
    local_hour: localHour(callAt, desk.time_zone),
    time_zone: desk.time_zone,
    call_at: callAt,
    ended_at: call.ended_at ?? now,
    wait_sec: call.wait_sec ?? Math.max(0, ((call.ended_at ?? now) - callAt) / 1000),
    phone_last4: call.number_last4,
    queue: call.queue,
    cause: call.cause ?? 'noAnswer',
    pbx: call.pbx,
    call_id: call.call_id,
    policy_id: policyRow?.id ?? null,
    callback_due_at: callbackDueAt(call.ended_at ?? now, policy),
    created_at: now,
  });
  await updatePhoneCall(trx, call.id, { missed_call_id: missed.id });
  if (record) await voidUntouched(trx, phone, record.id, `not answered: logged as missed call ${missedNo}`, now);
  return missed.id;
}

/** Voids a record the phone opened that nobody worked on (no answer, no step, nothing typed), with the reason; one an agent worked on stays. */
export async function voidUntouched(trx: Kysely<Database>, phone: RecordContext, recordId: number, reason: string, now: number): Promise<void> {
  if (!(await untouchedByAgent(trx, recordId))) return;
  await changeRecordIn(trx, phone, { id: recordId, changeReason: reason }, async ({ user }) => {
    await updateCall(trx, recordId, { voided_at: now, voided_by: user.name, void_reason: reason });
  });
}

/**
 * An agent marks missed calls called back (one, or many at once: "Mark missed
 * calls as handled"). Those already called back keep their first callback.
 * Returns how many changed.
 */
export async function markMissedCallsCalledBack(ctx: { db: Kysely<Database>; now: () => number; session: Session }, ids: readonly number[]): Promise<number> {
  return inWriteTransaction(ctx.db, async (trx) => {
    await requireDesk(trx);
    const user = await requireUser(trx, ctx.session);
    return markCalledBack(trx, ids, ctx.now(), user.name, 'marked');
  });
}

/** Whether anyone worked on a record the phone opened: then a call that ends unanswered leaves it as it is. */
async function untouchedByAgent(trx: Kysely<Database>, recordId: number): Promise<boolean> {
  const row = await findCall(trx, recordId);
  if (!row || row.voided_at !== null || row.answered_at !== null || row.closed_at !== null) return false;
  const typed = [row.category, row.request_type, row.reason, row.customer_type, row.priority, row.salutation, row.remarks, row.result];
  return typed.every((v) => v === null) && (await listSteps(trx, recordId)).length === 0;
}
