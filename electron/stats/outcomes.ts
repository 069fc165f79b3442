import { sql, type Kysely } from 'kysely';
import type { StatsReport } from '../../shared/api/stats';
import type { Database } from '../store/schema';
import { inRange, type StatsRange } from './range';

const round1 = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);

/** Results breakdown, satisfaction share, the three scores by day, and the most frequent call reasons. */
export async function outcomes(
  db: Kysely<Database>,
  r: StatsRange,
): Promise<Pick<StatsReport, 'results' | 'satisfaction' | 'scoresByDay' | 'topReasons'>> {
  const results = await sql<{ result: string; calls: number }>`
    SELECT coalesce(result, 'none') AS result, count(*) AS calls FROM calls WHERE ${inRange(r)} GROUP BY result ORDER BY calls DESC`.execute(db);
  const satisfaction = await sql<{ feedback: string; calls: number }>`
    SELECT feedback, count(*) AS calls FROM calls WHERE ${inRange(r)} AND feedback IS NOT NULL GROUP BY feedback ORDER BY calls DESC`.execute(db);
  const scores = await sql<{ date: string; speed: number | null; professionalism: number | null; resolution: number | null }>`
    SELECT local_date AS date, avg(score_speed) AS speed, avg(score_professionalism) AS professionalism, avg(score_resolution) AS resolution
    FROM calls WHERE ${inRange(r)} AND (score_speed IS NOT NULL OR score_professionalism IS NOT NULL OR score_resolution IS NOT NULL)
    GROUP BY local_date ORDER BY local_date`.execute(db);
  const reasons = await sql<{ reason: string; calls: number }>`
    SELECT reason, count(*) AS calls FROM calls WHERE ${inRange(r)} AND reason IS NOT NULL
    GROUP BY reason ORDER BY calls DESC, reason LIMIT 10`.execute(db);
  return {
    results: results.rows,
    satisfaction: satisfaction.rows,
    scoresByDay: scores.rows.map((s) => ({ date: s.date, speed: round1(s.speed), professionalism: round1(s.professionalism), resolution: round1(s.resolution) })),
    topReasons: reasons.rows,
  };
}
