import { sql, type Kysely } from 'kysely';
import type { StatsReport } from '../../shared/api/stats';
import type { Database } from '../store/schema';
import { inRange, type StatsRange } from './range';

/** Calls per local day and per local hour of day (peak hours). */
export async function volume(db: Kysely<Database>, r: StatsRange): Promise<Pick<StatsReport, 'volumeByDay' | 'volumeByHour'>> {
  const byDay = await sql<{ date: string; calls: number }>`
    SELECT local_date AS date, count(*) AS calls FROM calls WHERE ${inRange(r)} GROUP BY local_date ORDER BY local_date`.execute(db);
  const byHour = await sql<{ hour: number; calls: number }>`
    SELECT local_hour AS hour, count(*) AS calls FROM calls WHERE ${inRange(r)} AND local_hour IS NOT NULL GROUP BY local_hour`.execute(db);
  const hours = Array.from({ length: 24 }, (_, hour) => ({ hour, calls: byHour.rows.find((h) => h.hour === hour)?.calls ?? 0 }));
  return { volumeByDay: byDay.rows, volumeByHour: hours };
}
