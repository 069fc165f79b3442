import { sql, type Kysely } from 'kysely';
import type { StatsReport } from '../../shared/api/stats';
import type { Database } from '../store/schema';
import { inRange, minutes, type StatsRange } from './range';

/** Response-duration buckets in minutes: fine where most calls fall, coarse in the tail. */
const BUCKETS: Array<[number, number | null]> = [
  [0, 1], [1, 2], [2, 5], [5, 10], [10, 15], [15, 30], [30, 60], [60, 120], [120, 240], [240, null],
];

/** The distribution of response durations (answer − call): histogram, median, p90, max. */
export async function responseDistribution(db: Kysely<Database>, r: StatsRange): Promise<StatsReport['response']> {
  const cases = BUCKETS.map(([from, to], i) =>
    to === null ? sql`WHEN d >= ${from * 60_000} THEN ${i}` : sql`WHEN d < ${to * 60_000} THEN ${i}`,
  );
  const counted = await sql<{ bucket: number; calls: number }>`
    SELECT CASE ${sql.join(cases, sql` `)} END AS bucket, count(*) AS calls
    FROM (SELECT answered_at - call_at AS d FROM calls WHERE ${inRange(r)} AND answered_at IS NOT NULL)
    GROUP BY bucket`.execute(db);
  const answered = counted.rows.reduce((n, b) => n + b.calls, 0);
  /** The duration at a rank, by index order over the answered calls of the range. */
  const at = async (rank: number) =>
    answered === 0
      ? null
      : ((
          await sql<{ d: number }>`SELECT answered_at - call_at AS d FROM calls WHERE ${inRange(r)} AND answered_at IS NOT NULL
            ORDER BY d LIMIT 1 OFFSET ${Math.min(answered - 1, Math.max(0, rank))}`.execute(db)
        ).rows[0]?.d ?? null);
  return {
    histogram: BUCKETS.map(([from, to], i) => ({
      label: to === null ? `≥${from}` : `${from}–${to}`,
      fromMin: from,
      toMin: to,
      calls: counted.rows.find((b) => b.bucket === i)?.calls ?? 0,
    })),
    medianMin: minutes(await at(Math.ceil(answered * 0.5) - 1)),
    p90Min: minutes(await at(Math.ceil(answered * 0.9) - 1)),
    maxMin: minutes(await at(answered - 1)),
  };
}
