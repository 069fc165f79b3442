import type { Kysely } from 'kysely';
import type { CallRecord } from '../../shared/api/records';
import { HotlineError } from '../../shared/api/result';
import { findCall, listSteps, listTransfers, setTransferDue, updateCall } from '../store/calls';
import { listMissReasons } from '../store/missReasons';
import { phoneCallOfRecord } from '../store/phoneCalls';
import type { CallRow, Database, DeskRow, UserRow } from '../store/schema';
import { inWriteTransaction } from '../store/writeTransaction';
import { cleanText } from '../../shared/domain/text';
import { evaluateTargets, missingReasons, type TargetStatus } from '../../shared/timing/compliance';
import { dueColumnsOf } from './dueColumns';
import { appendAudit, isSignedOff } from '../store/audit';
import { inboxEntryPending, settleAppliedInTransaction } from '../store/teamInbox';
import { guardClickedMoment, latestMomentOf } from '../../shared/timing/clockGuard';
import { diffRecords } from './auditDiff';
import { timingOf, toCallRecord, toPhoneFacts } from './callView';
import { policyOf } from './policies';
import { isLead, requireDesk, requireUser, TEAM_LEAD_FROM_INBOX, type Session } from './deskAndUser';
import { refuse } from '../../shared/i18n/refusals';
import { flowRefusal, momentVerdict, type CallMoment } from '../../shared/domain/callFlow';
import { en } from '../../shared/i18n/en';
import { fillParams } from '../../shared/i18n';
import { errorParams } from '../../shared/i18n/errorParams';

/** Loads one whole record (row, transfers, steps, the phone system's facts of its call) as the renderer sees it. */
export async function loadRecord(db: Kysely<Database>, id: number): Promise<CallRecord> {
  const row = await findCall(db, id);
  if (!row) throw new HotlineError('not_found', `There is no record with id ${id}.`);
  const record = toCallRecord(row, await listTransfers(db, id), await listSteps(db, id), await listMissReasons(db, [id]));
  return { ...record, phone: toPhoneFacts(await phoneCallOfRecord(db, id)) };
}

/**
 * What a change needs of the asking context: the store, the clock and who
 * asks. A handler passes its whole context and gets it back in `Change.ctx`.
 */
export interface RecordContext {
  db: Kysely<Database>;
  now: () => number;
  session: Session;
}

export interface Change<C extends RecordContext = RecordContext> {
  trx: Kysely<Database>;
  row: CallRow;
  desk: DeskRow;
  /** Who makes the change. */
  user: UserRow;
  /** The record as it stood before this click, as the renderer holds it: what the call-flow rule judges. */
  record: CallRecord;
  /** The click's moment: the clock's now, but never earlier than a moment already logged on the record. */
  now: number;
  /** The handler's context with its clock reading `now`: `momentOf(req.at, zone, change.ctx)` for a clicked moment. */
  ctx: C;
}

/**
 * One click on one record, in one write transaction: checks who may change it
 * (an agent their own records, a team lead any; nobody a voided one) and whether its day was signed
 * off (then only with a stated reason); lets `apply` check and write; refreshes
 * the stored due times; and appends every field it changed to the audit trail
 * with who, when and why. Nothing is half-applied when anything throws.
 *
 * A clock that reads earlier than a moment already on the record was set back
 * (docs/durability.md): the click is logged at that moment, so no duration goes
 * negative, and the record is flagged for review (`clock_behind_ms`, an audit row).
 */
export async function changeRecord<C extends RecordContext>(
  ctx: C,
  request: { id: number; changeReason?: string | undefined },
  apply: (change: Change<C>) => Promise<void>,
): Promise<CallRecord> {
  return inWriteTransaction(ctx.db, (trx) => changeRecordIn(trx, ctx, request, apply));
}

/** changeRecord inside a write transaction the caller holds: the phone system's events change a record and their own facts in one. */
export async function changeRecordIn<C extends RecordContext>(
  trx: Kysely<Database>,
  ctx: C,
  request: { id: number; changeReason?: string | undefined },
  apply: (change: Change<C>) => Promise<void>,
): Promise<CallRecord> {
  const { id, changeReason } = request;
  const desk = await requireDesk(trx);
  const user = await requireUser(trx, ctx.session);
  const row = await findCall(trx, id);
  if (!row) throw new HotlineError('not_found', `There is no record with id ${id}.`);
  // A voided record stays as it was voided: what it said then is what the trail explains.
  if (row.voided_at !== null) throw new HotlineError('record_voided', `Call ${row.record_no} was voided; it cannot be changed.`, undefined, [row.record_no]);
  // The phone system stamps the moments of the records it opened, whoever's call they are.
  const own = ctx.session.phone !== undefined || row.agent_id === user.id || (row.agent_id === null && row.agent === user.name);
  if (!own && !isLead(user)) {
    throw refuse('not_own_call', { recordNo: row.record_no, agent: row.agent }, undefined, 'forbidden');
  }
  const reason = changeReason === undefined ? null : cleanText(changeReason) || null;
  if (reason === null && (await isSignedOff(trx, row.desk_code, row.local_date))) {
    throw new HotlineError('archived_needs_reason', `${row.local_date} is signed off: say why this record changes.`, 'changeReason');
  }
  // A lead's change from the team inbox is applied once: its entry is settled in this very transaction.
  const inboxEntry = ctx.session.teamLead?.entry;
  if (inboxEntry !== undefined && !(await inboxEntryPending(trx, inboxEntry))) {
    throw refuse('inbox_entry_settled', { entry: inboxEntry });
  }
  const before = await loadRecord(trx, id);
  // The phone system's moments are its own clock's, not a click's: a PBX a second ahead is no clock set back.
  const guarded = ctx.session.phone ? { at: ctx.now(), clockBehindMs: 0 } : guardClickedMoment(ctx.now(), latestMomentOf(before));
  const now = guarded.at;
  await apply({ trx, row, desk, user, record: before, now, ctx: { ...ctx, now: () => now } });
  const behind = guarded.clockBehindMs > 0;
  await updateCall(trx, id, { updated_at: now, ...(behind ? { clock_behind_ms: Math.max(row.clock_behind_ms ?? 0, guarded.clockBehindMs) } : {}) });
  await refreshDueTimes(trx, id, now);
  const after = await loadRecord(trx, id);
  const by = { call_id: id, actor: user.name, actor_id: user.id <= TEAM_LEAD_FROM_INBOX ? null : user.id, at: now };
  await appendAudit(trx, [
    ...diffRecords(before, after).map((c) => ({ ...by, field: c.field, old_value: c.oldValue, new_value: c.newValue, reason })),
    ...(behind ? [{ ...by, field: 'clockBehind', old_value: null, new_value: String(guarded.clockBehindMs), reason: null }] : []),
  ]);
  if (inboxEntry !== undefined) await settleAppliedInTransaction(trx, inboxEntry, now);
  return after;
}

/**
 * Stores the record's due times and its breach summary, worked out by the
 * timing core, so that review filters and statistics can count in SQL.
 */
export async function refreshDueTimes(db: Kysely<Database>, id: number, now: number): Promise<void> {
  const row = (await findCall(db, id))!;
  const { columns, transferDueAt } = dueColumnsOf(await targetsOf(db, row, now));
  await updateCall(db, id, columns);
  for (const [index, dueAt] of transferDueAt.entries()) {
    await setTransferDue(db, id, index + 1, dueAt ?? null);
  }
}

/**
 * Refuses `moment` with the call-flow rule's own code (shared/domain/callFlow.ts), the one the
 * desk's disabled button shows: the handler accepts exactly what the rule allows.
 */
export function refuseUnlessAllowed(record: CallRecord, moment: CallMoment): void {
  const verdict = momentVerdict(record, moment);
  if (verdict.allowed) return;
  const refusal = flowRefusal(record, verdict.code);
  throw new HotlineError(refusal.code, fillParams(en[`error.${refusal.code}`], errorParams({ ...refusal, message: '' })), refusal.field, refusal.problems);
}

/**
 * Moments of a call are logged in order: a later click may not carry an earlier
 * time. A time typed to the minute (14:17) that falls in the same minute as the
 * previous moment (14:17:35) means that moment, not a minute before it.
 * Returns the moment to store.
 */
export function refuseIfBefore(at: number, earliest: number, code: 'answer_before_call' | 'before_previous_step'): number {
  if (at < earliest && earliest - at < 60_000 && at % 60_000 === 0) return earliest;
  if (at < earliest) {
    const message =
      code === 'answer_before_call'
        ? 'The answer time is before the call came in.'
        : 'That time is before the previous moment logged on this call.';
    throw new HotlineError(code, message, 'at');
  }
  return at;
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
