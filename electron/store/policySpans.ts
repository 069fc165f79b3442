import type { Kysely, Transaction } from 'kysely';
import { visibleCalls } from './visibility';
import type { CallRow, Database } from './schema';

type Db = Kysely<Database> | Transaction<Database>;

/** A stretch of time a policy version is in force: [from, until), until null = open-ended. */
export interface PolicySpan {
  from: number;
  until: number | null;
}

/** A signed-off day with records in a span, and how many. */
export interface SignedOffDay {
  deskCode: string;
  localDate: string;
  records: number;
}

const DAY_MS = 86_400_000;
/** The UTC date of an instant: local dates lie within a day of it in every zone (offsets are under 14 h). */
const utcDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Where a version starting at `from` stops being in force: the start of the
 * next later version. An existing version starting at the same instant gives
 * way to the newer one (policyInForceAt breaks ties by id), so it does not end the span.
 */
export async function nextVersionStart(db: Db, from: number): Promise<number | null> {
  const row = await db.selectFrom('policies').select((eb) => eb.fn.min('effective_from').as('next')).where('effective_from', '>', from).executeTakeFirst();
  return row?.next === null || row?.next === undefined ? null : Number(row.next);
}

/**
 * Ids of every call whose call time falls in the span, in id order. Found through
 * calls_by_date (local_date, call_at) with a day's margin on each side, then
 * by the exact instant: a call's local date is in its own zone.
 */
export async function callIdsInSpan(db: Db, span: PolicySpan): Promise<number[]> {
  // A voided record is judged no more: it stays as it was voided (and counts nowhere).
  let q = db.selectFrom('calls').select('id').where('local_date', '>=', utcDate(span.from - DAY_MS)).where('call_at', '>=', span.from).where('voided_at', 'is', null).where(visibleCalls());
  if (span.until !== null) q = q.where('local_date', '<=', utcDate(span.until + DAY_MS)).where('call_at', '<', span.until);
  return (await q.orderBy('id').execute()).map((r) => r.id);
}

/** The calls of one chunk, whole. */
export async function callsByIds(db: Db, ids: readonly number[]): Promise<CallRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('calls').selectAll().where('id', 'in', ids).orderBy('id').execute();
}

/** Ids of the span's calls that lie on signed-off days, in id order: what a save must judge before it knows whether a reason is needed. */
export async function callIdsOnSignedOffDays(db: Db, span: PolicySpan): Promise<number[]> {
  let q = db
    .selectFrom('calls')
    .innerJoin('day_signoffs', (j) => j.onRef('day_signoffs.desk_code', '=', 'calls.desk_code').onRef('day_signoffs.local_date', '=', 'calls.local_date'))
    .select('calls.id')
    .where('calls.local_date', '>=', utcDate(span.from - DAY_MS))
    .where('calls.call_at', '>=', span.from)
    .where('calls.voided_at', 'is', null).where(visibleCalls());
  if (span.until !== null) q = q.where('calls.local_date', '<=', utcDate(span.until + DAY_MS)).where('calls.call_at', '<', span.until);
  return (await q.orderBy('calls.id').execute()).map((r) => r.id);
}

/** The signed-off days that hold calls of the span, oldest first. */
export async function signedOffDaysInSpan(db: Db, span: PolicySpan): Promise<SignedOffDay[]> {
  let q = db
    .selectFrom('calls')
    .innerJoin('day_signoffs', (j) => j.onRef('day_signoffs.desk_code', '=', 'calls.desk_code').onRef('day_signoffs.local_date', '=', 'calls.local_date'))
    .select(['calls.desk_code as deskCode', 'calls.local_date as localDate', (eb) => eb.fn.countAll<number>().as('records')])
    .where('calls.local_date', '>=', utcDate(span.from - DAY_MS))
    .where('calls.call_at', '>=', span.from)
    .where('calls.voided_at', 'is', null).where(visibleCalls());
  if (span.until !== null) q = q.where('calls.local_date', '<=', utcDate(span.until + DAY_MS)).where('calls.call_at', '<', span.until);
  const rows = await q.groupBy(['calls.desk_code', 'calls.local_date']).orderBy('calls.local_date').orderBy('calls.desk_code').execute();
  return rows.map((r) => ({ deskCode: r.deskCode, localDate: r.localDate, records: Number(r.records) }));
}
