import { byKey } from './compliance';
import type { StatsReport } from '../../shared/api/stats';
import type { DayTotals, StatsQueries } from '../store/statsQueries';
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
export async function topReasons(q: StatsQueries, r: StatsRange): Promise<StatsReport['topReasons']> {
  return q.topReasons(r);
}
