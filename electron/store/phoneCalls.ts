import { sql, type Kysely, type Transaction } from 'kysely';
import { visibleCalls } from './visibility';
import type { Database, MissedCallRow, NewMissedCall, NewPhoneCall, PhoneCallRow } from './schema';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * The phone system's facts of each call (phone_calls) and the missed calls it
 * left (missed_calls): migration 0014. Both are keyed by (pbx, call id), so an
 * event seen twice finds the row it made the first time.
 */

export async function findPhoneCall(db: Db, pbx: string, callId: string): Promise<PhoneCallRow | undefined> {
  return db.selectFrom('phone_calls').selectAll().where('pbx', '=', pbx).where('call_id', '=', callId).executeTakeFirst();
}

export async function insertPhoneCall(db: Db, row: NewPhoneCall): Promise<PhoneCallRow> {
  return db.insertInto('phone_calls').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updatePhoneCall(db: Db, id: number, changes: Partial<Omit<PhoneCallRow, 'id' | 'pbx' | 'call_id'>>): Promise<void> {
  await db.updateTable('phone_calls').set(changes).where('id', '=', id).execute();
}

/** The calls of one phone system the desk has not seen end (it stopped or restarted meanwhile), oldest first: its next connection reconciles them. */
export async function listUnendedPhoneCalls(db: Db, system: PhoneCallRow['system'], pbx: string): Promise<PhoneCallRow[]> {
  return db.selectFrom('phone_calls').selectAll().where('system', '=', system).where('pbx', '=', pbx).where('ended_at', 'is', null).orderBy('offered_at').execute();
}

/** The phone facts of a record the phone system opened, if it did. */
export async function phoneCallOfRecord(db: Db, callRecordId: number): Promise<PhoneCallRow | undefined> {
  return db.selectFrom('phone_calls').selectAll().where('call_record_id', '=', callRecordId).executeTakeFirst();
}

/** The next missed-call serial of the desk's day: a series apart from the records' own. */
export async function takeMissedSerial(db: Db, deskCode: string, localDate: string): Promise<number> {
  const row = await db
    .insertInto('missed_serials')
    .values({ desk_code: deskCode, local_date: localDate, last_serial: 1 })
    .onConflict((oc) => oc.columns(['desk_code', 'local_date']).doUpdateSet({ last_serial: sql<number>`last_serial + 1` }))
    .returning('last_serial')
    .executeTakeFirstOrThrow();
  return row.last_serial;
}

export async function findMissedCall(db: Db, pbx: string, callId: string): Promise<MissedCallRow | undefined> {
  return db.selectFrom('missed_calls').selectAll().where('pbx', '=', pbx).where('call_id', '=', callId).executeTakeFirst();
}

export async function insertMissedCall(db: Db, row: NewMissedCall): Promise<MissedCallRow> {
  return db.insertInto('missed_calls').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Missed calls from this caller (same last four digits) not yet called back, oldest first: an outbound call to the number answers them. */
export async function openMissedCallsOf(db: Db, last4: string, upTo: number): Promise<MissedCallRow[]> {
  return db
    .selectFrom('missed_calls')
    .selectAll()
    .where('phone_last4', '=', last4)
    .where('called_back_at', 'is', null)
    .where('call_at', '<=', upTo)
    .orderBy('call_at')
    .execute();
}

/** Marks missed calls called back; those already called back keep their first callback. Returns how many changed. */
export async function markCalledBack(db: Db, ids: readonly number[], at: number, by: string, how: 'outboundCall' | 'marked'): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await db
    .updateTable('missed_calls')
    .set({ called_back_at: at, called_back_by: by, called_back_how: how })
    .where('id', 'in', ids)
    .where('called_back_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Missed calls of a period (local dates, inclusive), newest first; `open` keeps only those not yet called back. */
export async function listMissedCalls(db: Db, range: { from: string; to: string }, open: boolean): Promise<MissedCallRow[]> {
  let query = db.selectFrom('missed_calls').selectAll().where('local_date', '>=', range.from).where('local_date', '<=', range.to);
  if (open) query = query.where('called_back_at', 'is', null);
  return query.orderBy('call_at', 'desc').execute();
}

/** Every missed call not yet called back, oldest first (the desk's and Follow-ups' list). */
export async function listOpenMissedCalls(db: Db): Promise<MissedCallRow[]> {
  return db.selectFrom('missed_calls').selectAll().where('called_back_at', 'is', null).orderBy('call_at').execute();
}

/** A caller's earlier records and missed calls (same last four digits), newest first: the repeat-caller pop-up. */
export async function callerHistory(db: Db, last4: string, before: number, limit: number) {
  const [records, missed] = await Promise.all([
    db
      .selectFrom('calls')
      .select(['id', 'record_no', 'call_at', 'agent', 'category', 'reason', 'result', 'closed_at'])
      .where('phone_last4', '=', last4)
      .where('call_at', '<', before)
      .where('voided_at', 'is', null)
      .where(visibleCalls())
      .orderBy('call_at', 'desc')
      .limit(limit)
      .execute(),
    db
      .selectFrom('missed_calls')
      .select(['id', 'missed_no', 'call_at', 'called_back_at'])
      .where('phone_last4', '=', last4)
      .where('call_at', '<', before)
      .orderBy('call_at', 'desc')
      .limit(limit)
      .execute(),
  ]);
  return { records, missed };
}
