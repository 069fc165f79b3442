import type { Kysely } from 'kysely';
import { formatRecordNo } from '../../shared/timing/recordNo';
import type { Database } from '../store/schema';
import type { ParsedCall } from './importRow';

/**
 * Record numbers for rows that bring only their own (seed sheets): each takes
 * its desk's next CS serial of its date, past the day's counter, past every
 * record already stored that day, and past the serials other rows of the file
 * keep, so that an imported number never clashes with a live call's and is never
 * reused. Run inside the import's write transaction (BEGIN IMMEDIATE holds the
 * write lock, so no call is logged in between); a dry run runs it on a read.
 * @example await assignSerials(trx, fresh) // fresh[i].call.record_no === 'CS20240501001'
 */
export async function assignSerials(db: Kysely<Database>, calls: readonly ParsedCall[]): Promise<void> {
  const days = new Map<string, { desk: string; date: string; waiting: ParsedCall[]; kept: number }>();
  for (const parsed of calls) {
    const key = `${parsed.call.desk_code}\u0000${parsed.call.local_date}`;
    const day = days.get(key) ?? { desk: parsed.call.desk_code, date: parsed.call.local_date, waiting: [], kept: 0 };
    if (parsed.serial === null) day.waiting.push(parsed);
    else day.kept = Math.max(day.kept, parsed.serial);
    days.set(key, day);
  }
  for (const day of days.values()) {
    if (day.waiting.length === 0) continue;
    const counter = await db.selectFrom('daily_serials').select('last_serial').where('desk_code', '=', day.desk).where('local_date', '=', day.date).executeTakeFirst();
    const stored = await db.selectFrom('calls').select('record_no').where('desk_code', '=', day.desk).where('local_date', '=', day.date).execute();
    let last = Math.max(counter?.last_serial ?? 0, day.kept, ...stored.map((r) => Number(r.record_no.slice(10)) || 0));
    for (const parsed of day.waiting) {
      parsed.serial = ++last;
      parsed.call.record_no = formatRecordNo(day.date, last);
    }
  }
}
