import type { Kysely } from 'kysely';
import { formatRecordNo } from '../../shared/timing/recordNo';
import { highestStoredSerial, lastSerialOfDay } from '../store/dailySerials';
import type { Database } from '../store/schema';
import type { ParsedCall } from './importRow';

/**
 * Record numbers for rows that bring only their own (seed sheets): each takes
 * its desk's next CS serial of its date, past the day's counter, past every
 * record already stored that day, and past the serials other rows of the file
 * keep, so that an imported number never clashes with a live call's and is never
 * reused. The plan (and a dry run) runs it on a read; the import runs it again
 * inside the write transaction that opens its batch (BEGIN IMMEDIATE holds the
 * write lock, so no call is logged in between), where the rows it numbered
 * before are numbered afresh.
 * @example await assignSerials(trx, fresh) // fresh[i].call.record_no === 'CS20240501001'
 */
export async function assignSerials(db: Kysely<Database>, calls: readonly ParsedCall[]): Promise<void> {
  const days = new Map<string, { desk: string; date: string; waiting: ParsedCall[]; kept: number }>();
  for (const parsed of calls) {
    const key = `${parsed.call.desk_code}\u0000${parsed.call.local_date}`;
    const day = days.get(key) ?? { desk: parsed.call.desk_code, date: parsed.call.local_date, waiting: [], kept: 0 };
    if (parsed.serial === null || parsed.serialAssigned === true) day.waiting.push(parsed);
    else day.kept = Math.max(day.kept, parsed.serial);
    days.set(key, day);
  }
  for (const day of days.values()) {
    if (day.waiting.length === 0) continue;
    let last = Math.max(await lastSerialOfDay(db, day.desk, day.date), day.kept, await highestStoredSerial(db, day.desk, day.date));
    for (const parsed of day.waiting) {
      parsed.serial = ++last;
      parsed.serialAssigned = true;
      parsed.call.record_no = formatRecordNo(day.date, last);
    }
  }
}
