import { describe, expect, it } from 'vitest';
import { complianceByPriority, results } from '../../../electron/stats/compliance';

type Dim = Parameters<typeof results>[0][number];
const dim = (priority: string, category: string, result: string, calls: number): Dim => ({
  priority,
  category,
  result,
  calls,
  response_met: calls,
  response_late: 0,
  has_response_target: calls,
  resolved_in_target: calls,
  resolution_settled: calls,
});

/**
 * Two databases with the same records (an archive and its re-import) may hold
 * their rollup rows in another order; the statistics must list ties alike.
 */
describe('statistics tables list equal counts by key', () => {
  const rows = [dim('urgent', 'service', 'resolved', 3), dim('general', 'order', 'escalated', 3), dim('important', 'product', 'cannot_resolve', 5)];

  it('whatever order the rows come in', () => {
    const once = { results: results(rows), priorities: complianceByPriority(rows, [], 0) };
    const reversed = { results: results([...rows].reverse()), priorities: complianceByPriority([...rows].reverse(), [], 0) };
    expect(reversed).toEqual(once);
    expect(once.results.map((r) => r.result)).toEqual(['cannot_resolve', 'escalated', 'resolved']);
    expect(once.priorities.map((p) => p.priority)).toEqual(['important', 'general', 'urgent']);
  });
});

