import type { StatsReport } from '../../shared/api/stats';
import type { StatsQueries } from '../store/statsQueries';
import type { StatsRange } from './range';

/** Response-duration buckets in minutes: fine where most calls fall, coarse in the tail. */
const BUCKETS: Array<[number, number | null]> = [
  [0, 1], [1, 2], [2, 5], [5, 10], [10, 15], [15, 30], [30, 60], [60, 120], [120, 240], [240, null],
];

/**
 * The distribution of response durations (answer − call) from the rollup of
 * tenths of a minute: histogram, and median, p90 and max to the 0.1 minute shown.
 */
export async function responseDistribution(q: StatsQueries, r: StatsRange): Promise<StatsReport['response']> {
  const tenths = await q.responseTenths(r);
  const answered = tenths.reduce((n, t) => n + t.calls, 0);
  /** The value at a 0-based rank of the sorted durations, in minutes. */
  const at = (rank: number): number | null => {
    let seen = 0;
    for (const t of tenths) {
      seen += t.calls;
      if (seen > rank) return t.tenth / 10;
    }
    return null;
  };
  return {
    histogram: BUCKETS.map(([from, to]) => ({
      label: to === null ? `≥${from}` : `${from}–${to}`,
      fromMin: from,
      toMin: to,
      calls: tenths.filter((t) => t.tenth >= from * 10 && (to === null || t.tenth < to * 10)).reduce((n, t) => n + t.calls, 0),
    })),
    medianMin: answered === 0 ? null : at(Math.ceil(answered * 0.5) - 1),
    p90Min: answered === 0 ? null : at(Math.ceil(answered * 0.9) - 1),
    maxMin: answered === 0 ? null : tenths[tenths.length - 1]!.tenth / 10,
  };
}
