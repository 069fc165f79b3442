import type { Kpis } from '../../shared/api/stats';
import type { DayTotals, StatsQueries } from '../store/statsQueries';
import { resolutionMissedOpen, responseMissedUnanswered, runningBreach, type RunningRow } from './live';
import { minutes, ratio, type StatsRange } from './range';

/** Headline figures: the settled rollup plus what the running records add as of now. */
export function kpisOf(t: DayTotals, running: readonly RunningRow[], now: number): Kpis {
  const unansweredMisses = running.filter((row) => responseMissedUnanswered(row, now)).length;
  const openMisses = running.filter((row) => resolutionMissedOpen(row, now)).length;
  const breaches = t.ended_breach + running.filter((row) => runningBreach(row, now)).length;
  const withFeedback = t.fb_satisfied + t.fb_basic + t.fb_unsatisfied;
  return {
    calls: t.calls,
    answered: t.answered,
    responseCompliance: ratio(t.response_met, t.response_met + t.response_late + unansweredMisses),
    avgResponseMin: t.answered > 0 ? minutes(t.response_ms_sum / t.answered) : null,
    resolutionRate: ratio(t.resolved_in_target, t.resolution_settled + openMisses),
    satisfaction: ratio(t.fb_satisfied + t.fb_basic, withFeedback),
    breachesPer100: t.calls > 0 ? Math.round((breaches / t.calls) * 1000) / 10 : null,
  };
}

/** The headline figures of a period (improvement measures judge by these). */
export async function kpis(q: StatsQueries, r: StatsRange): Promise<Kpis> {
  const [totals, running] = await Promise.all([q.dayTotals(r), q.runningRows(r)]);
  return kpisOf(totals, running, r.now);
}
