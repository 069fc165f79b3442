import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from './schema';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Reads of the desks' daily serial counters (daily_serials) and of the serials
 * records already carry. A serial once taken is never handed out again, so
 * whoever numbers records in bulk (the demo, an import) starts past both.
 * Taking the next serial one call at a time is calls.ts's takeDailySerial.
 */

/** The last serial taken on each local day of a desk: the demo numbers its calls past them. */
export async function lastSerialsOfDesk(db: Db, deskCode: string): Promise<Array<{ local_date: string; last_serial: number }>> {
  return db.selectFrom('daily_serials').select(['local_date', 'last_serial']).where('desk_code', '=', deskCode).execute();
}

/** The day's counter (0 on a day nobody logged): an import numbers its rows past it. */
export async function lastSerialOfDay(db: Db, deskCode: string, localDate: string): Promise<number> {
  const row = await db.selectFrom('daily_serials').select('last_serial').where('desk_code', '=', deskCode).where('local_date', '=', localDate).executeTakeFirst();
  return row?.last_serial ?? 0;
}

/**
 * The highest serial among the day's stored record numbers (0 for none): an
 * archive's records came in with numbers the counter never saw, and an import
 * must not hand one of them out again.
 */
export async function highestStoredSerial(db: Db, deskCode: string, localDate: string): Promise<number> {
  const row = await db
    .selectFrom('calls')
    // SQLite-only: CAST of a non-number is 0 here (PostgreSQL raises). CS + the date's eight digits, then the serial.
    .select(sql<number | null>`max(CAST(substr(record_no, 11) AS INTEGER))`.as('serial'))
    .where('desk_code', '=', deskCode)
    .where('local_date', '=', localDate)
    .executeTakeFirst();
  return Number(row?.serial ?? 0);
}
