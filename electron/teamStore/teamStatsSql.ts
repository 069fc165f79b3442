import type { AgentTotalsRow, DayTotals, DayVolumeRow, DimRow, RunningRow } from '../store/statsQueries';
import { inTeamTransaction, type TeamConnection } from './connect';

/**
 * The team's statistics over hotline_team.calls, as plain SQL: the rows of
 * store/statsQueries.ts's StatsQueries contract (DayTotals, DimRow,
 * AgentTotalsRow, responseTenths, DayVolumeRow, hourVolumes, RunningRow) for a
 * period of local dates and, optionally, some desks. The server has no rollup
 * tables: it groups the calls directly, by the same definitions as the desk's
 * rollups (store migrations 0004 and 0010), so the figures are the desk's.
 * A voided call (voided_at not null) counts in nothing; unpublished import
 * batches never reach the server, so every call here is visible.
 *
 * `teamSettledFigures` reads every settled figure in ONE statement (one scan
 * of the period, GROUPING SETS, one snapshot): the way to serve a statistics
 * screen. The functions of one figure each are the same SQL, for a caller that
 * wants one part.
 */

/** A period of local dates, inclusive, and optionally the desks to count (all when absent). */
export interface TeamStatsRange {
  from: string;
  to: string;
  desks?: readonly string[];
}

type Reader = Pick<TeamConnection, 'query'>;

/** Each measure once, as the desk's rollups define it. Sums of bigint are numeric in PostgreSQL: cast back, so that pg hands out numbers. */
const MEASURES = {
  calls: 'count(*)',
  answered: 'count(answered_at)',
  response_ms_sum: 'coalesce(sum(answered_at - call_at), 0)::bigint',
  response_met: 'count(*) FILTER (WHERE answered_at <= response_due_at)',
  response_late: 'count(*) FILTER (WHERE answered_at > response_due_at)',
  has_response_target: 'count(response_due_at)',
  resolved_in_target: 'count(*) FILTER (WHERE resolved_at <= resolution_due_at)',
  resolution_settled: "count(*) FILTER (WHERE resolved_at IS NOT NULL OR result = 'cannot_resolve')",
  ended_breach: 'coalesce(sum(ended_breach), 0)::bigint',
  fb_satisfied: "count(*) FILTER (WHERE feedback = 'satisfied')",
  fb_basic: "count(*) FILTER (WHERE feedback = 'basically_satisfied')",
  fb_unsatisfied: "count(*) FILTER (WHERE feedback = 'unsatisfied')",
  speed_sum: 'coalesce(sum(score_speed), 0)::bigint',
  speed_n: 'count(score_speed)',
  prof_sum: 'coalesce(sum(score_professionalism), 0)::bigint',
  prof_n: 'count(score_professionalism)',
  res_sum: 'coalesce(sum(score_resolution), 0)::bigint',
  res_n: 'count(score_resolution)',
} as const;

type Measure = keyof typeof MEASURES;
const select = (names: readonly Measure[]) => names.map((n) => `${MEASURES[n]} AS ${n}`).join(', ');

const TOTALS: readonly Measure[] = ['calls', 'answered', 'response_ms_sum', 'response_met', 'response_late', 'resolved_in_target', 'resolution_settled', 'ended_breach', 'fb_satisfied', 'fb_basic', 'fb_unsatisfied'];
const DIMENSION: readonly Measure[] = ['calls', 'response_met', 'response_late', 'has_response_target', 'resolved_in_target', 'resolution_settled'];
const AGENT: readonly Measure[] = ['calls', 'answered', 'response_ms_sum', 'ended_breach'];
const DAY: readonly Measure[] = ['calls', 'speed_sum', 'speed_n', 'prof_sum', 'prof_n', 'res_sum', 'res_n'];
const ALL = [...new Set([...TOTALS, ...DIMENSION, ...AGENT, ...DAY])];

/** The calls that count: the period (served by calls_by_day), the desks asked for, never a voided one. $1, $2: dates; $3: desk codes or null. */
const COUNTED = `local_date BETWEEN $1 AND $2 AND voided_at IS NULL AND ($3::text[] IS NULL OR desk_code = ANY ($3::text[]))`;
const params = (r: TeamStatsRange): unknown[] => [r.from, r.to, r.desks ? [...r.desks] : null];

/** Response time in tenths of a minute, floored (integer division, as SQLite's): the desk's stats_response key. */
const TENTH = '(answered_at - call_at) / 6000';

export async function teamDayTotals(conn: Reader, r: TeamStatsRange): Promise<DayTotals> {
  return (await conn.query<DayTotals>(`SELECT ${select(TOTALS)} FROM hotline_team.calls WHERE ${COUNTED}`, params(r))).rows[0]!;
}

export async function teamDimensions(conn: Reader, r: TeamStatsRange): Promise<DimRow[]> {
  return (
    await conn.query<DimRow>(
      `SELECT coalesce(priority, '') AS priority, coalesce(category, '') AS category, coalesce(result, '') AS result, ${select(DIMENSION)}
       FROM hotline_team.calls WHERE ${COUNTED} GROUP BY 1, 2, 3`,
      params(r),
    )
  ).rows;
}

/** Agents with calls, most calls first, ties by name in code-point order (SQLite's). */
export async function teamAgentTotals(conn: Reader, r: TeamStatsRange): Promise<AgentTotalsRow[]> {
  return (await conn.query<AgentTotalsRow>(`SELECT agent, ${select(AGENT)} FROM hotline_team.calls WHERE ${COUNTED} GROUP BY agent ORDER BY calls DESC, agent COLLATE "C"`, params(r))).rows;
}

export async function teamResponseTenths(conn: Reader, r: TeamStatsRange): Promise<Array<{ tenth: number; calls: number }>> {
  return (await conn.query<{ tenth: number; calls: number }>(`SELECT ${TENTH} AS tenth, count(*) AS calls FROM hotline_team.calls WHERE ${COUNTED} AND answered_at IS NOT NULL GROUP BY 1 ORDER BY 1`, params(r))).rows;
}

/** A row per desk and day with calls, in date order (as a database of merged desks has on the desk). */
export async function teamDayVolumes(conn: Reader, r: TeamStatsRange): Promise<DayVolumeRow[]> {
  return (
    await conn.query<DayVolumeRow>(`SELECT local_date AS date, ${select(DAY)} FROM hotline_team.calls WHERE ${COUNTED} GROUP BY desk_code, local_date ORDER BY local_date, desk_code COLLATE "C"`, params(r))
  ).rows;
}

export async function teamHourVolumes(conn: Reader, r: TeamStatsRange): Promise<Array<{ hour: number; calls: number }>> {
  return (await conn.query<{ hour: number; calls: number }>(`SELECT local_hour AS hour, count(*) AS calls FROM hotline_team.calls WHERE ${COUNTED} AND local_hour IS NOT NULL GROUP BY 1 ORDER BY 1`, params(r))).rows;
}

/** The ten most frequent call reasons, most calls first, ties by reason. */
export async function teamTopReasons(conn: Reader, r: TeamStatsRange): Promise<Array<{ reason: string; calls: number }>> {
  return (
    await conn.query<{ reason: string; calls: number }>(
      `SELECT reason, count(*) AS calls FROM hotline_team.calls WHERE ${COUNTED} AND reason IS NOT NULL GROUP BY reason ORDER BY calls DESC, reason COLLATE "C" LIMIT 10`,
      params(r),
    )
  ).rows;
}

/** The period's records with a target still running (their share of the figures depends on "now"), through the partial index calls_running_by_day. */
export async function teamRunningRows(conn: Reader, r: TeamStatsRange): Promise<RunningRow[]> {
  return (
    await conn.query<RunningRow>(
      `SELECT priority, category, agent, answered_at, response_due_at, resolved_at, resolution_due_at, result, ended_breach,
              next_due_at, callback_due_at, callback_done_at, lead_due_at, lead_follow_up_done_at
       FROM hotline_team.calls WHERE ${COUNTED} AND next_due_at IS NOT NULL`,
      params(r),
    )
  ).rows;
}

/** The desk codes with calls in the period, in order. */
export async function teamDesksInRange(conn: Reader, r: Pick<TeamStatsRange, 'from' | 'to'>): Promise<string[]> {
  return (await conn.query<{ desk_code: string }>('SELECT desk_code FROM hotline_team.calls WHERE local_date BETWEEN $1 AND $2 GROUP BY desk_code ORDER BY desk_code COLLATE "C"', [r.from, r.to])).rows.map((row) => row.desk_code);
}

/** Every settled figure of a period, read together. */
export interface TeamSettledFigures {
  totals: DayTotals;
  dimensions: DimRow[];
  agents: AgentTotalsRow[];
  responseTenths: Array<{ tenth: number; calls: number }>;
  dayVolumes: DayVolumeRow[];
  hourVolumes: Array<{ hour: number; calls: number }>;
}

type FigureRow = { part: 'total' | 'dim' | 'agent' | 'tenth' | 'day' | 'hour' } & Record<Measure, number> & {
    priority: string;
    category: string;
    result: string;
    agent: string;
    tenth: number | null;
    desk_code: string;
    local_date: string;
    hour: number | null;
  };

const only = <K extends Measure>(row: FigureRow, names: readonly K[]) => Object.fromEntries(names.map((n) => [n, row[n]])) as Record<K, number>;
const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Memory for the statement's sorts and hashes, for this transaction only (SET
 * LOCAL: PgBouncer's transaction mode keeps it to this read). With the default
 * 4 MB a month of 20 desks (47,617 calls) spilled its sort to disk: 127 ms,
 * against 65 ms with 32 MB (PostgreSQL 15, docs/benchmarks.md).
 */
export const STATS_WORK_MEM = '32MB';

/**
 * The settled figures of the period in one statement: one scan of its calls,
 * grouped six ways at once (GROUPING SETS), so the parts agree with each other
 * (one snapshot) and the period is read once instead of six times. Equal, part
 * by part, to the functions above. The inner select gives the grouping keys
 * their contract's form ('' for none; a coalesced result is never
 * 'cannot_resolve' when the raw one was null, so resolution_settled holds).
 */
export async function teamSettledFigures(conn: Pick<TeamConnection, 'pool'>, r: TeamStatsRange): Promise<TeamSettledFigures> {
  const { rows } = await inTeamTransaction(conn.pool, async (client) => {
    await client.query(`SET LOCAL work_mem = '${STATS_WORK_MEM}'`);
    return client.query<FigureRow>(
    `SELECT CASE WHEN GROUPING(priority) = 0 THEN 'dim' WHEN GROUPING(agent) = 0 THEN 'agent' WHEN GROUPING(tenth) = 0 THEN 'tenth'
                 WHEN GROUPING(local_date) = 0 THEN 'day' WHEN GROUPING(hour) = 0 THEN 'hour' ELSE 'total' END AS part,
            priority, category, result, agent, tenth, desk_code, local_date, hour, ${select(ALL)}
     FROM (SELECT coalesce(priority, '') AS priority, coalesce(category, '') AS category, coalesce(result, '') AS result, agent, desk_code, local_date,
                  local_hour AS hour, CASE WHEN answered_at IS NOT NULL THEN ${TENTH} END AS tenth, answered_at, call_at, response_due_at, resolved_at,
                  resolution_due_at, ended_breach, feedback, score_speed, score_professionalism, score_resolution
           FROM hotline_team.calls WHERE ${COUNTED}) c
     GROUP BY GROUPING SETS ((), (priority, category, result), (agent), (tenth), (desk_code, local_date), (hour))`,
      params(r),
    );
  });
  const figures: TeamSettledFigures = { totals: { ...EMPTY_TOTALS }, dimensions: [], agents: [], responseTenths: [], dayVolumes: [], hourVolumes: [] };
  const days: Array<{ desk: string; row: DayVolumeRow }> = [];
  for (const row of rows) {
    if (row.part === 'total') figures.totals = only(row, TOTALS) as unknown as DayTotals;
    else if (row.part === 'dim') figures.dimensions.push({ priority: row.priority, category: row.category, result: row.result, ...(only(row, DIMENSION) as Omit<DimRow, 'priority' | 'category' | 'result'>) });
    else if (row.part === 'agent') figures.agents.push({ agent: row.agent, ...(only(row, AGENT) as Omit<AgentTotalsRow, 'agent'>) });
    // The group of unanswered calls has no tenth, the calls of no hour no hour: neither is a bucket.
    else if (row.part === 'tenth' && row.tenth !== null) figures.responseTenths.push({ tenth: row.tenth, calls: row.calls });
    else if (row.part === 'day') days.push({ desk: row.desk_code, row: { date: row.local_date, ...(only(row, DAY) as Omit<DayVolumeRow, 'date'>) } });
    else if (row.part === 'hour' && row.hour !== null) figures.hourVolumes.push({ hour: row.hour, calls: row.calls });
  }
  // The orders the contract promises (the functions above sort in SQL).
  figures.agents.sort((a, b) => b.calls - a.calls || byCode(a.agent, b.agent));
  figures.responseTenths.sort((a, b) => a.tenth - b.tenth);
  figures.hourVolumes.sort((a, b) => a.hour - b.hour);
  figures.dayVolumes = days.sort((a, b) => byCode(a.row.date, b.row.date) || byCode(a.desk, b.desk)).map((d) => d.row);
  return figures;
}

const EMPTY_TOTALS: DayTotals = { calls: 0, answered: 0, response_ms_sum: 0, response_met: 0, response_late: 0, resolved_in_target: 0, resolution_settled: 0, ended_breach: 0, fb_satisfied: 0, fb_basic: 0, fb_unsatisfied: 0 };
