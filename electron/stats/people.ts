import { sql, type Kysely } from 'kysely';
import type { StatsReport } from '../../shared/api/stats';
import type { Database } from '../store/schema';
import { countBy, inProgressOpen, runningBreach, type RunningRow } from './live';
import { inRange, minutes, type StatsRange } from './range';

/** Per agent: calls, average response, records with a missed target, open follow-ups. */
export async function agents(db: Kysely<Database>, r: StatsRange, running: readonly RunningRow[]): Promise<StatsReport['agents']> {
  const rows = await sql<{ agent: string; calls: number; answered: number; response_ms_sum: number; ended_breach: number }>`
    SELECT agent, sum(calls) AS calls, sum(answered) AS answered, sum(response_ms_sum) AS response_ms_sum, sum(ended_breach) AS ended_breach
    FROM stats_agent WHERE local_date BETWEEN ${r.from} AND ${r.to} GROUP BY agent HAVING sum(calls) > 0 ORDER BY calls DESC, agent`.execute(db);
  const breaching = countBy(running, (row) => row.agent, (row) => runningBreach(row, r.now));
  const open = countBy(running, (row) => row.agent, inProgressOpen);
  return rows.rows.map((row) => ({
    agent: row.agent,
    calls: row.calls,
    avgResponseMin: row.answered > 0 ? minutes(row.response_ms_sum / row.answered) : null,
    breaches: row.ended_breach + (breaching.get(row.agent) ?? 0),
    openFollowUps: open.get(row.agent) ?? 0,
  }));
}

/** Transfers by department with their second-response times and misses. */
export async function transfers(db: Kysely<Database>, r: StatsRange): Promise<StatsReport['transfers']> {
  const rows = await sql<{ department: string; transfers: number; avg: number | null; breached: number }>`
    SELECT t.to_owner AS department, count(*) AS transfers, avg(t.answered_at - t.transferred_at) AS avg,
      sum((t.answered_at IS NOT NULL AND t.answered_at > t.due_at) OR (t.answered_at IS NULL AND t.due_at < ${r.now})) AS breached
    FROM transfers t JOIN calls ON calls.id = t.call_id
    WHERE ${inRange(r)} GROUP BY t.to_owner ORDER BY transfers DESC, department`.execute(db);
  return rows.rows.map((row) => ({ department: row.department, transfers: row.transfers, avgSecondResponseMin: minutes(row.avg), breached: row.breached ?? 0 }));
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
