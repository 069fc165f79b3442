import type { StatsReport } from '../../shared/api/stats';
import type { Policy } from '../../shared/policy/schema';
import type { DimRow } from '../store/statsQueries';
import { countBy, resolutionMissedOpen, responseMissedUnanswered, type RunningRow } from './live';
import { ratio } from './range';

function group(rows: readonly DimRow[], key: (row: DimRow) => string): Map<string, DimRow> {
  const totals = new Map<string, DimRow>();
  for (const row of rows) {
    const k = key(row);
    const t = totals.get(k);
    if (!t) totals.set(k, { ...row });
    else for (const m of ['calls', 'response_met', 'response_late', 'has_response_target', 'resolved_in_target', 'resolution_settled'] as const) t[m] += row[m];
  }
  return totals;
}

/**
 * Response compliance by priority. A target is decided once answered or once
 * past due; open ones (still running, not yet due) count in neither share.
 */
export function complianceByPriority(dims: readonly DimRow[], running: readonly RunningRow[], now: number): StatsReport['complianceByPriority'] {
  const missed = countBy(running, (row) => row.priority ?? '', (row) => responseMissedUnanswered(row, now));
  return [...group(dims, (d) => d.priority).entries()]
    .filter(([, t]) => t.has_response_target > 0)
    .map(([priority, t]) => {
      const breached = t.response_late + (missed.get(priority) ?? 0);
      return { priority, calls: t.has_response_target, met: t.response_met, breached, open: t.has_response_target - t.response_met - breached, rate: ratio(t.response_met, t.response_met + breached) };
    })
    .sort((a, b) => b.calls - a.calls || byKey(a.priority, b.priority));
}

/**
 * Resolution rate by category: resolved within the record's resolution target,
 * of the decided ones (resolved, cannot be resolved, or past due); against the
 * policy's target for the category, with `below` marking a miss.
 */
export function resolutionByCategory(dims: readonly DimRow[], running: readonly RunningRow[], now: number, policy: Policy): StatsReport['resolutionByCategory'] {
  const missed = countBy(running, (row) => row.category ?? '', (row) => resolutionMissedOpen(row, now));
  return [...group(dims, (d) => d.category).entries()]
    .filter(([category]) => category !== '')
    .map(([category, t]) => {
      const decided = t.resolution_settled + (missed.get(category) ?? 0);
      const rate = ratio(t.resolved_in_target, decided);
      const target = policy.resolutionRateTargets[category] ?? null;
      return { category, decided, resolvedInTarget: t.resolved_in_target, rate, target, below: rate !== null && target !== null && rate * 100 < target };
    })
    .sort((a, b) => b.decided - a.decided || byKey(a.category, b.category));
}

/** Results breakdown ('none' for records without a result yet). */
export function results(dims: readonly DimRow[]): StatsReport['results'] {
  return [...group(dims, (d) => d.result).entries()]
    .map(([result, t]) => ({ result: result === '' ? 'none' : result, calls: t.calls }))
    .filter((r) => r.calls > 0)
    .sort((a, b) => b.calls - a.calls || byKey(a.result, b.result));
}

/** Ties in a count go by key, so that two databases with the same records list them alike (an archive round trip). */
export const byKey = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
