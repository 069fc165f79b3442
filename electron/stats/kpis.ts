import { sql, type Kysely } from 'kysely';
import type { Kpis } from '../../shared/api/stats';
import type { Database } from '../store/schema';
import { resolutionMissedOpen, responseMissedUnanswered, runningBreach, runningRows, type RunningRow } from './live';
import { minutes, ratio, type StatsRange } from './range';

export interface DayTotals {
  calls: number;
  answered: number;
  response_ms_sum: number;
  response_met: number;
  response_late: number;
  resolved_in_target: number;
  resolution_settled: number;
  ended_breach: number;
  fb_satisfied: number;
  fb_basic: number;
  fb_unsatisfied: number;
}

/** The settled figures of a range, summed from the per-day rollup. */
export async function dayTotals(db: Kysely<Database>, r: StatsRange): Promise<DayTotals> {
  const row = (
    await sql<DayTotals>`
    SELECT coalesce(sum(calls), 0) AS calls, coalesce(sum(answered), 0) AS answered, coalesce(sum(response_ms_sum), 0) AS response_ms_sum,
      coalesce(sum(response_met), 0) AS response_met, coalesce(sum(response_late), 0) AS response_late,
      coalesce(sum(resolved_in_target), 0) AS resolved_in_target, coalesce(sum(resolution_settled), 0) AS resolution_settled,
      coalesce(sum(ended_breach), 0) AS ended_breach, coalesce(sum(fb_satisfied), 0) AS fb_satisfied,
      coalesce(sum(fb_basic), 0) AS fb_basic, coalesce(sum(fb_unsatisfied), 0) AS fb_unsatisfied
    FROM stats_day WHERE local_date BETWEEN ${r.from} AND ${r.to}`.execute(db)
  ).rows[0]!;
  return row;
}

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
export async function kpis(db: Kysely<Database>, r: StatsRange): Promise<Kpis> {
  const [totals, running] = await Promise.all([dayTotals(db, r), runningRows(db, r)]);
  return kpisOf(totals, running, r.now);
}
