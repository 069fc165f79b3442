import { sql, type Kysely } from 'kysely';
import type { StatsReport } from '../../shared/api/stats';
import type { Database } from '../store/schema';
import { breachedSql, inRange, minutes, type StatsRange } from './range';

/** Per agent: calls, average response, records with a missed target, open follow-ups. */
export async function agents(db: Kysely<Database>, r: StatsRange): Promise<StatsReport['agents']> {
  const rows = await sql<{ agent: string; calls: number; avg: number | null; breaches: number; open: number }>`
    SELECT agent, count(*) AS calls, avg(answered_at - call_at) AS avg,
      sum(${breachedSql(r.now)}) AS breaches,
      sum(result IN ('in_progress', 'escalated') AND resolved_at IS NULL) AS open
    FROM calls WHERE ${inRange(r)} GROUP BY agent ORDER BY calls DESC`.execute(db);
  return rows.rows.map((row) => ({ agent: row.agent, calls: row.calls, avgResponseMin: minutes(row.avg), breaches: row.breaches, openFollowUps: row.open }));
}

/** Transfers by department with their second-response times and misses. */
export async function transfers(db: Kysely<Database>, r: StatsRange): Promise<StatsReport['transfers']> {
  const rows = await sql<{ department: string; transfers: number; avg: number | null; breached: number }>`
    SELECT t.to_owner AS department, count(*) AS transfers, avg(t.answered_at - t.transferred_at) AS avg,
      sum((t.answered_at IS NOT NULL AND t.answered_at > t.due_at) OR (t.answered_at IS NULL AND t.due_at < ${r.now})) AS breached
    FROM transfers t JOIN calls ON calls.id = t.call_id
    WHERE ${inRange(r)} GROUP BY t.to_owner ORDER BY transfers DESC`.execute(db);
  return rows.rows.map((row) => ({ department: row.department, transfers: row.transfers, avgSecondResponseMin: minutes(row.avg), breached: row.breached ?? 0 }));
}

/** Open and overdue follow-ups of the range's calls, as of now. */
export async function followUps(db: Kysely<Database>, r: StatsRange): Promise<StatsReport['followUps']> {
  const row = (
    await sql<Record<keyof StatsReport['followUps'], number>>`
    SELECT
      sum(result IN ('in_progress', 'escalated') AND resolved_at IS NULL) AS resolutionsOpen,
      sum(result IN ('in_progress', 'escalated') AND resolved_at IS NULL AND resolution_due_at < ${r.now}) AS resolutionsOverdue,
      sum(callback_due_at IS NOT NULL AND callback_done_at IS NULL) AS callbacksOpen,
      sum(callback_due_at IS NOT NULL AND callback_done_at IS NULL AND callback_due_at < ${r.now}) AS callbacksOverdue,
      sum(lead_due_at IS NOT NULL AND lead_follow_up_done_at IS NULL) AS leadFollowUpsOpen,
      sum(lead_due_at IS NOT NULL AND lead_follow_up_done_at IS NULL AND lead_due_at < ${r.now}) AS leadFollowUpsOverdue
    FROM calls WHERE ${inRange(r)}`.execute(db)
  ).rows[0];
  return {
    resolutionsOpen: row?.resolutionsOpen ?? 0,
    resolutionsOverdue: row?.resolutionsOverdue ?? 0,
    callbacksOpen: row?.callbacksOpen ?? 0,
    callbacksOverdue: row?.callbacksOverdue ?? 0,
    leadFollowUpsOpen: row?.leadFollowUpsOpen ?? 0,
    leadFollowUpsOverdue: row?.leadFollowUpsOverdue ?? 0,
  };
}
