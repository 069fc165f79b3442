import { byKey } from './compliance';
import { sql, type Kysely } from 'kysely';
import type { StatsReport } from '../../shared/api/stats';
import type { Database } from '../store/schema';
import type { DayTotals } from './kpis';
import type { StatsRange } from './range';

/** Customer feedback shares, from the day totals. */
export function satisfaction(t: DayTotals): StatsReport['satisfaction'] {
  return [
    { feedback: 'satisfied', calls: t.fb_satisfied },
    { feedback: 'basically_satisfied', calls: t.fb_basic },
    { feedback: 'unsatisfied', calls: t.fb_unsatisfied },
  ]
    .filter((f) => f.calls > 0)
    .sort((a, b) => b.calls - a.calls || byKey(a.feedback, b.feedback));
}

/** The most frequent call reasons. */
export async function topReasons(db: Kysely<Database>, r: StatsRange): Promise<StatsReport['topReasons']> {
  return (
    await sql<{ reason: string; calls: number }>`
    SELECT reason, sum(calls) AS calls FROM stats_reason WHERE local_date BETWEEN ${r.from} AND ${r.to}
    GROUP BY reason HAVING sum(calls) > 0 ORDER BY calls DESC, reason LIMIT 10`.execute(db)
  ).rows;
}
