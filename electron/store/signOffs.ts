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
