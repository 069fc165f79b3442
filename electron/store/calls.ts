import { sql, type Kysely, type Transaction } from 'kysely';
import { visibleCalls } from './visibility';
import type { CallRow, CallUpdate, Database, NewCall, StepRow, TransferRow } from './schema';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Takes the next serial of a desk's day. Run inside the transaction that inserts
 * the record: the upsert is that transaction's first write, so SQLite's write
 * lock serialises it against every other window or process on the same file,
 * and a serial once taken is never handed out again (nothing decrements it).
 */
export async function takeDailySerial(db: Db, deskCode: string, localDate: string): Promise<number> {
  const row = await db
    .insertInto('daily_serials')
    .values({ desk_code: deskCode, local_date: localDate, last_serial: 1 })
    .onConflict((oc) =>
      oc.columns(['desk_code', 'local_date']).doUpdateSet({ last_serial: sql<number>`last_serial + 1` }),
    )
    .returning('last_serial')
    .executeTakeFirstOrThrow();
  return row.last_serial;
}

export async function insertCall(db: Db, call: NewCall): Promise<number> {
  const row = await db.insertInto('calls').values(call).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function findCall(db: Db, id: number): Promise<CallRow | undefined> {
  return db.selectFrom('calls').selectAll().where('id', '=', id).where(visibleCalls()).executeTakeFirst();
}

export async function updateCall(db: Db, id: number, changes: CallUpdate): Promise<void> {
  await db.updateTable('calls').set(changes).where('id', '=', id).execute();
}

export async function listTransfers(db: Db, callId: number): Promise<TransferRow[]> {
  return db.selectFrom('transfers').selectAll().where('call_id', '=', callId).orderBy('seq').execute();
}

export async function insertTransfer(db: Db, callId: number, toOwner: string, at: number): Promise<void> {
  await db
    .insertInto('transfers')
    .values((eb) => ({
      call_id: callId,
      seq: eb.selectFrom('transfers').select(sql<number>`coalesce(max(seq), 0) + 1`.as('next')).where('call_id', '=', callId),
      to_owner: toOwner,
      transferred_at: at,
    }))
    .execute();
}

export async function markTransferAnswered(db: Db, transferId: number, at: number): Promise<void> {
  await db.updateTable('transfers').set({ answered_at: at }).where('id', '=', transferId).execute();
}

/** Moves a transfer's handover to `at` (a correction with a reason; its answer moves with markTransferAnswered). */
export async function moveTransferHandover(db: Db, transferId: number, at: number): Promise<void> {
  await db.updateTable('transfers').set({ transferred_at: at }).where('id', '=', transferId).execute();
}

/** Stores the due time of a call's `seq`-th transfer (1-based), as the timing core worked it out. */
export async function setTransferDue(db: Db, callId: number, seq: number, dueAt: number | null): Promise<void> {
  await db.updateTable('transfers').set({ due_at: dueAt }).where('call_id', '=', callId).where('seq', '=', seq).execute();
}

/**
 * Records written before a version that stores the hour of day and the due
 * times (their columns are still null), at most `limit` of them: the start-up
 * backfill fills them a batch at a time.
 */
export async function callsMissingDerived(db: Db, limit: number): Promise<Array<Pick<CallRow, 'id' | 'call_at' | 'time_zone'>>> {
  return db
    .selectFrom('calls')
    .select(['id', 'call_at', 'time_zone'])
    .where((eb) => eb.or([eb('local_hour', 'is', null), eb('ended_breach', 'is', null)]))
    .limit(limit)
    .execute();
}

export async function listSteps(db: Db, callId: number): Promise<StepRow[]> {
  return db.selectFrom('steps').selectAll().where('call_id', '=', callId).orderBy('n').execute();
}

export async function insertStep(db: Db, callId: number, at: number, author: string, text: string): Promise<void> {
  await db
    .insertInto('steps')
    .values((eb) => ({
      call_id: callId,
      n: eb.selectFrom('steps').select(sql<number>`coalesce(max(n), 0) + 1`.as('next')).where('call_id', '=', callId),
      at,
      author,
      text,
    }))
    .execute();
}

/** A day's records, newest first (the desk's today list). */
export async function listCallsOfDay(db: Db, deskCode: string, localDate: string): Promise<CallRow[]> {
  return db
    .selectFrom('calls')
    .selectAll()
    .where('desk_code', '=', deskCode)
    .where('local_date', '=', localDate)
    .where(visibleCalls())
    .orderBy('call_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** Earlier call reasons starting with `prefix`, most frequent first, for autocomplete. */
export async function suggestReasons(db: Db, prefix: string, limit = 10): Promise<string[]> {
  const escaped = prefix.replace(/[\\%_]/g, (c) => `\\${c}`);
  const rows = await db
    .selectFrom('calls')
    .select(['reason', (eb) => eb.fn.countAll<number>().as('uses')])
    .where('reason', 'is not', null)
    .where(visibleCalls())
    .where(sql<boolean>`reason LIKE ${`${escaped}%`} ESCAPE '\\'`)
    .groupBy('reason')
    .orderBy('uses', 'desc')
    .orderBy('reason')
    .limit(limit)
    .execute();
  return rows.map((r) => r.reason).filter((r): r is string => r !== null);
}

/** The transfers of many calls at once (the day list), in order. */
export async function listTransfersOf(db: Db, callIds: readonly number[]): Promise<TransferRow[]> {
  if (callIds.length === 0) return [];
  return db.selectFrom('transfers').selectAll().where('call_id', 'in', callIds).orderBy('call_id').orderBy('seq').execute();
}

/** Each call's latest handling step: progress updates are counted from it. */
export async function lastStepTimes(db: Db, callIds: readonly number[]): Promise<Map<number, number>> {
  if (callIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('steps')
    .select(['call_id', (eb) => eb.fn.max('at').as('last')])
    .where('call_id', 'in', callIds)
    .groupBy('call_id')
    .execute();
  return new Map(rows.map((r) => [r.call_id, Number(r.last)]));
}

/**
 * Records with open work: in progress and unresolved, resolved but the customer
 * not yet told, or closed and owed a callback or a team-lead follow-up. The
 * timing core then decides which of them are due.
 */
export async function listOpenWork(db: Db, deskCode: string, lowScoreAtMost: number): Promise<CallRow[]> {
  return db
    .selectFrom('calls')
    .selectAll()
    .where('desk_code', '=', deskCode)
    .where(visibleCalls())
    // A voided record owes nobody anything.
    .where('voided_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb.and([eb('result', 'in', ['in_progress', 'escalated']), eb('resolved_at', 'is', null)]),
        eb.and([eb('resolved_at', 'is not', null), eb('result_told_at', 'is', null)]),
        eb.and([
          eb('closed_at', 'is not', null),
          eb('callback_done_at', 'is', null),
          eb.or([eb('request_type', '=', 'complaint'), eb('feedback', '=', 'unsatisfied')]),
        ]),
        eb.and([
          eb('closed_at', 'is not', null),
          eb('lead_follow_up_done_at', 'is', null),
          eb.or([
            eb('feedback', '=', 'unsatisfied'),
            eb('request_type', '=', 'complaint'),
            eb('score_speed', '<=', lowScoreAtMost),
            eb('score_professionalism', '<=', lowScoreAtMost),
            eb('score_resolution', '<=', lowScoreAtMost),
          ]),
        ]),
      ]),
    )
    // Earliest due first, and a bound: a desk that fell far behind still opens its list at once, most urgent on top.
    .orderBy(sql`coalesce(next_due_at, call_at)`)
    .limit(OPEN_WORK_LIMIT)
    .execute();
}

/** How many records with open work the Follow-ups view reads at most. */
export const OPEN_WORK_LIMIT = 500;

/**
 * Every row of calls, hidden import batches and voided records included: the
 * demo fills only a file that holds none (or is told to append).
 */
export async function countCalls(db: Db): Promise<number> {
  const row = await db.selectFrom('calls').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Every record number a desk has here, staged imports included (a pulled-back record must not clash with any). */
export async function localRecordNos(db: Db, deskCode: string): Promise<string[]> {
  return (await db.selectFrom('calls').select('record_no').where('desk_code', '=', deskCode).execute()).map((r) => r.record_no);
}
