import type { Kysely, Transaction } from 'kysely';
import type { Database, NewDaySignoff, DaySignoffRow } from './schema';

type Db = Kysely<Database> | Transaction<Database>;

/** A desk's day as signed off (归档), or undefined while it is not. */
export async function findSignOff(db: Db, deskCode: string, localDate: string): Promise<DaySignoffRow | undefined> {
  return db.selectFrom('day_signoffs').selectAll().where('desk_code', '=', deskCode).where('local_date', '=', localDate).executeTakeFirst();
}

/** Records a sign-off; the (desk, day) key refuses a second one for the same day. */
export async function insertSignOff(db: Db, row: NewDaySignoff): Promise<void> {
  await db.insertInto('day_signoffs').values(row).execute();
}

/**
 * Where the desk's pull of the team server's sign-offs starts: the newest one
 * it has kept from there (signed on the server's clock), less `overlapMs` so a
 * sign-off committed a little after a later-stamped one is not skipped (kept
 * again, it changes nothing). Sign-offs from the server have no local signer
 * id; a sign-off made on this desk before it was linked has one.
 */
export async function serverSignOffCursor(db: Db, deskCode: string, overlapMs: number): Promise<number> {
  const row = await db
    .selectFrom('day_signoffs')
    .select((eb) => eb.fn.max('signed_at').as('at'))
    .where('desk_code', '=', deskCode)
    .where('signed_by_id', 'is', null)
    .executeTakeFirst();
  const at = row?.at ?? null;
  return at === null ? 0 : Math.max(0, Number(at) - overlapMs);
}

/** Keeps sign-offs pulled from the team server; a day this desk already has signed off stays as it is. Returns how many are new. */
export async function keepServerSignOffs(db: Db, deskCode: string, rows: ReadonlyArray<{ local_date: string; signed_by: string; signed_at: number }>): Promise<number> {
  let kept = 0;
  for (const r of rows) {
    const done = await db
      .insertInto('day_signoffs')
      .values({ desk_code: deskCode, local_date: r.local_date, signed_by: r.signed_by, signed_by_id: null, signed_at: r.signed_at })
      .onConflict((oc) => oc.columns(['desk_code', 'local_date']).doNothing())
      .executeTakeFirst();
    if (Number(done.numInsertedOrUpdatedRows ?? 0) > 0) kept++;
  }
  return kept;
}
