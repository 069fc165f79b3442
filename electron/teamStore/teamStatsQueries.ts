import type { BreachRows, DepartmentTransfersRow, StatsQueries, StatsRange } from '../store/statsQueries';
import type { TeamConnection } from './connect';
import { teamMissedCallbacks, teamPhoneCallFacts } from './teamPhoneStatsSql';
import {
  teamDesksInRange,
  teamRunningRows,
  teamSettledFigures,
  teamTopReasons,
  type TeamSettledFigures,
  type TeamStatsRange,
} from './teamStatsSql';

type Reader = Pick<TeamConnection, 'query' | 'pool'>;

/**
 * The statistics' contract (store/statsQueries.ts) answered by the team
 * server: the same figures, computed by the same code (electron/stats), over
 * every desk's records or the desks asked for. The settled parts of a period
 * are read in one statement (teamSettledFigures) the first time any of them is
 * asked for, and shared by the rest: one scan of the period per report.
 */
export function teamStatsQueries(conn: Reader, desks?: readonly string[]): StatsQueries {
  const settled = new Map<string, Promise<TeamSettledFigures>>();
  const scope = (r: Pick<StatsRange, 'from' | 'to'>): TeamStatsRange => ({ from: r.from, to: r.to, ...(desks ? { desks } : {}) });
  const figures = (r: StatsRange) => {
    const key = `${r.from}|${r.to}`;
    let found = settled.get(key);
    if (!found) settled.set(key, (found = teamSettledFigures(conn, scope(r))));
    return found;
  };
  const params = (r: StatsRange) => [r.from, r.to, desks ? [...desks] : null];
  const counted = 'c.local_date BETWEEN $1 AND $2 AND c.voided_at IS NULL AND ($3::text[] IS NULL OR c.desk_code = ANY ($3::text[]))';
  const breached = '(c.ended_breach = 1 OR (c.next_due_at IS NOT NULL AND c.next_due_at < $4))';
  return {
    dayTotals: async (r) => (await figures(r)).totals,
    dimensions: async (r) => (await figures(r)).dimensions,
    responseTenths: async (r) => (await figures(r)).responseTenths,
    dayVolumes: async (r) => (await figures(r)).dayVolumes,
    hourVolumes: async (r) => (await figures(r)).hourVolumes,
    agentTotals: async (r) => (await figures(r)).agents,
    runningRows: (r) => teamRunningRows(conn, scope(r)),
    topReasons: (r) => teamTopReasons(conn, scope(r)),
    // The telephony reads (migration 0007's phone facts), each call counted once team-wide.
    phoneCallFacts: (r, t) => teamPhoneCallFacts(conn, scope(r), t),
    missedCallbacks: (r) => teamMissedCallbacks(conn, scope(r), r.now),
    desksInRange: (r) => (desks ? teamDesksInRange(conn, r).then((all) => all.filter((d) => desks.includes(d))) : teamDesksInRange(conn, r)),

    async departmentTransfers(r) {
      // avg of bigint is numeric in PostgreSQL (a string to pg): float8, as SQLite's avg gives.
      const { rows } = await conn.query<DepartmentTransfersRow>(
        `SELECT t.to_owner AS department, count(*) AS transfers, avg(t.answered_at - t.transferred_at)::float8 AS avg,
                count(*) FILTER (WHERE (t.answered_at IS NOT NULL AND t.answered_at > t.due_at) OR (t.answered_at IS NULL AND t.due_at < $4)) AS breached
         FROM hotline_team.transfers t JOIN hotline_team.calls c ON c.desk_code = t.desk_code AND c.record_no = t.record_no
         WHERE ${counted} GROUP BY t.to_owner ORDER BY transfers DESC, t.to_owner COLLATE "C"`,
        [...params(r), r.now],
      );
      return rows;
    },

    async breaches(r, limit): Promise<BreachRows> {
      const where = `${counted} AND ${breached}`;
      const values = [...params(r), r.now];
      const [total, byReason, withoutReason, recent] = await Promise.all([
        conn.query<{ n: number }>(`SELECT count(*) AS n FROM hotline_team.calls c WHERE ${where}`, values),
        conn.query<{ code: string; n: number }>(
          `SELECT m.code, count(*) AS n FROM hotline_team.miss_reasons m JOIN hotline_team.calls c ON c.desk_code = m.desk_code AND c.record_no = m.record_no
           WHERE ${where} GROUP BY m.code ORDER BY n DESC, m.code COLLATE "C"`,
          values,
        ),
        conn.query<{ n: number }>(
          `SELECT count(*) AS n FROM hotline_team.calls c WHERE ${where}
             AND NOT EXISTS (SELECT 1 FROM hotline_team.miss_reasons m WHERE m.desk_code = c.desk_code AND m.record_no = c.record_no)`,
          values,
        ),
        conn.query<BreachRows['recent'][number]>(
          // The server has no local ids: a record's place in the list stands in for one, to tie its transfers and reasons to it.
          `SELECT row_number() OVER (ORDER BY c.call_at DESC, c.desk_code, c.record_no)::int AS id, c.desk_code, c.record_no, c.call_at, c.time_zone, c.agent,
                  c.priority, c.category, c.reason, c.answered_at, c.response_due_at, c.resolved_at, c.resolution_due_at, c.result_told_at, c.told_due_at,
                  c.callback_done_at, c.callback_due_at, c.lead_follow_up_done_at, c.lead_due_at, c.transfer_due_at
           FROM hotline_team.calls c WHERE ${where} ORDER BY c.call_at DESC, c.desk_code, c.record_no LIMIT $5`,
          [...values, limit],
        ),
      ]);
      const keys = recent.rows.map((row) => ({ id: row.id, desk: row.desk_code, no: row.record_no }));
      const idOf = new Map(keys.map((k) => [`${k.desk}\u0000${k.no}`, k.id]));
      const [transfers, reasons] =
        keys.length === 0
          ? [{ rows: [] }, { rows: [] }]
          : await Promise.all([
              conn.query<{ desk_code: string; record_no: string; seq: number; transferred_at: number; answered_at: number | null; due_at: number | null }>(
                'SELECT desk_code, record_no, seq, transferred_at, answered_at, due_at FROM hotline_team.transfers WHERE (desk_code, record_no) IN (SELECT * FROM unnest($1::text[], $2::text[]))',
                [keys.map((k) => k.desk), keys.map((k) => k.no)],
              ),
              conn.query<{ desk_code: string; record_no: string; kind: string; idx: number; code: string; text: string | null }>(
                'SELECT desk_code, record_no, kind, idx, code, text FROM hotline_team.miss_reasons WHERE (desk_code, record_no) IN (SELECT * FROM unnest($1::text[], $2::text[]))',
                [keys.map((k) => k.desk), keys.map((k) => k.no)],
              ),
            ]);
      const callId = (row: { desk_code: string; record_no: string }) => idOf.get(`${row.desk_code}\u0000${row.record_no}`)!;
      return {
        total: total.rows[0]?.n ?? 0,
        byReason: byReason.rows,
        withoutReason: withoutReason.rows[0]?.n ?? 0,
        recent: recent.rows,
        transfers: transfers.rows.map(({ desk_code: _d, record_no: _n, ...t }, i) => ({ call_id: callId(transfers.rows[i]!), ...t })),
        reasons: reasons.rows.map(({ desk_code: _d, record_no: _n, ...m }, i) => ({ call_id: callId(reasons.rows[i]!), ...m })),
      };
    },
  };
}

/** Every desk of the team, in code order (a lead's desk filter). */
export async function teamDeskCodes(conn: Reader): Promise<string[]> {
  return (await conn.query<{ desk_code: string }>('SELECT desk_code FROM hotline_team.desks ORDER BY desk_code COLLATE "C"')).rows.map((r) => r.desk_code);
}
