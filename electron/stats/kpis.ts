import { sql, type Kysely } from 'kysely';
import type { Kpis } from '../../shared/api/stats';
import type { Database } from '../store/schema';
import { breachedSql, inRange, minutes, ratio, type StatsRange } from './range';

/** The headline figures of a period, in one pass over its calls. */
export async function kpis(db: Kysely<Database>, r: StatsRange): Promise<Kpis> {
  const row = (
    await sql<{
      calls: number;
      answered: number;
      responseMet: number;
      responseDecided: number;
      avgResponse: number | null;
      resolvedInTarget: number;
      resolutionDecided: number;
      satisfied: number;
      withFeedback: number;
      breached: number;
    }>`
    SELECT count(*) AS calls,
      sum(answered_at IS NOT NULL) AS answered,
      sum(answered_at IS NOT NULL AND answered_at <= response_due_at) AS responseMet,
      sum(response_due_at IS NOT NULL AND (answered_at IS NOT NULL OR response_due_at < ${r.now})) AS responseDecided,
      avg(answered_at - call_at) AS avgResponse,
      sum(resolved_at IS NOT NULL AND resolved_at <= resolution_due_at) AS resolvedInTarget,
      sum(resolved_at IS NOT NULL OR result = 'cannot_resolve' OR resolution_due_at < ${r.now}) AS resolutionDecided,
      sum(feedback IN ('satisfied', 'basically_satisfied')) AS satisfied,
      sum(feedback IS NOT NULL) AS withFeedback,
      sum(${breachedSql(r.now)}) AS breached
    FROM calls WHERE ${inRange(r)}`.execute(db)
  ).rows[0]!;
  const calls = row.calls;
  return {
    calls,
    answered: row.answered ?? 0,
    responseCompliance: ratio(row.responseMet ?? 0, row.responseDecided ?? 0),
    avgResponseMin: minutes(row.avgResponse),
    resolutionRate: ratio(row.resolvedInTarget ?? 0, row.resolutionDecided ?? 0),
    satisfaction: ratio(row.satisfied ?? 0, row.withFeedback ?? 0),
    breachesPer100: calls > 0 ? Math.round(((row.breached ?? 0) / calls) * 1000) / 10 : null,
  };
}
