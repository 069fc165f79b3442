import { sql, type Kysely } from 'kysely';
import type { StatsReport } from '../../shared/api/stats';
import type { Policy } from '../../shared/policy/schema';
import type { Database } from '../store/schema';
import { inRange, ratio, type StatsRange } from './range';

/**
 * Response compliance by priority. A target is decided once answered or once
 * past due; open ones (still running, not yet due) count in neither share.
 */
export async function complianceByPriority(db: Kysely<Database>, r: StatsRange): Promise<StatsReport['complianceByPriority']> {
  const rows = await sql<{ priority: string | null; calls: number; met: number; breached: number }>`
    SELECT priority, count(*) AS calls,
      sum(answered_at IS NOT NULL AND answered_at <= response_due_at) AS met,
      sum((answered_at IS NOT NULL AND answered_at > response_due_at) OR (answered_at IS NULL AND response_due_at < ${r.now})) AS breached
    FROM calls WHERE ${inRange(r)} AND response_due_at IS NOT NULL
    GROUP BY priority ORDER BY calls DESC`.execute(db);
  return rows.rows.map((row) => ({
    priority: row.priority ?? '',
    calls: row.calls,
    met: row.met,
    breached: row.breached,
    open: row.calls - row.met - row.breached,
    rate: ratio(row.met, row.met + row.breached),
  }));
}

/**
 * Resolution rate by category: resolved within the record's resolution target,
 * of the decided ones (resolved, cannot be resolved, or past due); against the
 * policy's target for the category, with `below` marking a miss.
 */
export async function resolutionByCategory(db: Kysely<Database>, r: StatsRange, policy: Policy): Promise<StatsReport['resolutionByCategory']> {
  const rows = await sql<{ category: string | null; decided: number; resolved: number }>`
    SELECT category,
      sum(resolved_at IS NOT NULL OR result = 'cannot_resolve' OR resolution_due_at < ${r.now}) AS decided,
      sum(resolved_at IS NOT NULL AND resolved_at <= resolution_due_at) AS resolved
    FROM calls WHERE ${inRange(r)}
    GROUP BY category ORDER BY decided DESC`.execute(db);
  return rows.rows
    .filter((row) => row.category !== null)
    .map((row) => {
      const rate = ratio(row.resolved, row.decided);
      const target = policy.resolutionRateTargets[row.category!] ?? null;
      return {
        category: row.category!,
        decided: row.decided,
        resolvedInTarget: row.resolved,
        rate,
        target,
        below: rate !== null && target !== null && rate * 100 < target,
      };
    });
}
