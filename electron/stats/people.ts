import type { StatsReport } from '../../shared/api/stats';
import type { StatsQueries } from '../store/statsQueries';
import { countBy, inProgressOpen, runningBreach, type RunningRow } from './live';
import { minutes, type StatsRange } from './range';

/** Per agent: calls, average response, records with a missed target, open follow-ups. */
export async function agents(q: StatsQueries, r: StatsRange, running: readonly RunningRow[]): Promise<StatsReport['agents']> {
  const rows = await q.agentTotals(r);
  const breaching = countBy(running, (row) => row.agent, (row) => runningBreach(row, r.now));
  const open = countBy(running, (row) => row.agent, inProgressOpen);
  return rows.map((row) => ({
    agent: row.agent,
    calls: row.calls,
    avgResponseMin: row.answered > 0 ? minutes(row.response_ms_sum / row.answered) : null,
    breaches: row.ended_breach + (breaching.get(row.agent) ?? 0),
    openFollowUps: open.get(row.agent) ?? 0,
  }));
}

/** Transfers by department with their second-response times and misses. */
export async function transfers(q: StatsQueries, r: StatsRange): Promise<StatsReport['transfers']> {
  const rows = await q.departmentTransfers(r);
  return rows.map((row) => ({ department: row.department, transfers: row.transfers, avgSecondResponseMin: minutes(row.avg), breached: row.breached ?? 0 }));
}

/** Open and overdue follow-ups of the range's calls, as of now: all of them have a running target. */
export function followUps(running: readonly RunningRow[], now: number): StatsReport['followUps'] {
  const count = (test: (row: RunningRow) => boolean) => running.filter(test).length;
  const callbackOpen = (row: RunningRow) => row.callback_due_at !== null && row.callback_done_at === null;
  const leadOpen = (row: RunningRow) => row.lead_due_at !== null && row.lead_follow_up_done_at === null;
  return {
    resolutionsOpen: count(inProgressOpen),
    resolutionsOverdue: count((row) => inProgressOpen(row) && row.resolution_due_at !== null && row.resolution_due_at < now),
    callbacksOpen: count(callbackOpen),
    callbacksOverdue: count((row) => callbackOpen(row) && row.callback_due_at! < now),
    leadFollowUpsOpen: count(leadOpen),
    leadFollowUpsOverdue: count((row) => leadOpen(row) && row.lead_due_at! < now),
  };
}
