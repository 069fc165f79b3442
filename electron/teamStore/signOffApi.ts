import type { TeamDayBlocker, TeamDayStatus } from '../../shared/api/team';
import type { TeamConnection } from './connect';

/**
 * Sign-off on the team server, per desk and day (migration 0003): a lead's
 * view of a desk's day and the sign-off itself (hotline_team.sign_off_day,
 * which checks and records the desk's covered mark in one transaction), and
 * the desk's side: the sign-offs of its own days, and how many of its changes
 * still wait (which only the desk knows).
 */

export interface ServerSignOff {
  local_date: string;
  signed_by: string;
  signed_at: number;
}

/** How many desks' days the panel reads at once: each day() holds up to three of the pool's connections. */
const DAY_READERS = 2;

/** A lead's side. */
export function leadSignOffs(conn: TeamConnection) {
  const api = {
    /** The desk's day from the server's rows; undefined when the server has no such desk. */
    async day(desk: string, date: string): Promise<TeamDayStatus | undefined> {
      const { rows: desks } = await conn.query<{ epoch: number; high_water: number; last_seen_at: number | null; waiting: number | null; waiting_at: number | null; zone: string | null; over: boolean }>(
        `SELECT epoch, high_water, last_seen_at, waiting, waiting_at, hotline_team.desk_zone(desk_code) AS zone, hotline_team.day_over(desk_code, $2) AS over
           FROM hotline_team.desks WHERE desk_code = $1`,
        [desk, date],
      );
      const d = desks[0];
      if (!d) return undefined;
      const [records, blockers, signed] = await Promise.all([
        conn.query<{ n: number; changed: string[] | null }>(
          `SELECT count(*) AS n, array_agg(record_no ORDER BY record_no) FILTER (WHERE changed_after_signoff) AS changed
             FROM hotline_team.calls WHERE desk_code = $1 AND local_date = $2 AND voided_at IS NULL`,
          [desk, date],
        ),
        conn.query<{ record_no: string; problem: 'open' | 'reason'; target: string | null; target_index: number | null }>('SELECT * FROM hotline_team.day_blockers($1, $2)', [desk, date]),
        conn.query<{ signed_by: string; signed_by_role: string; signed_at: number; covered_epoch: number; covered_seq: number }>(
          'SELECT signed_by, signed_by_role, signed_at, covered_epoch, covered_seq FROM hotline_team.signoffs WHERE desk_code = $1 AND local_date = $2',
          [desk, date],
        ),
      ]);
      const s = signed.rows[0];
      return {
        desk,
        date,
        timeZone: d.zone,
        over: d.over,
        records: records.rows[0]?.n ?? 0,
        blockers: blockers.rows.map((b): TeamDayBlocker => ({ recordNo: b.record_no, problem: b.problem, ...(b.target === null ? {} : { target: b.target, index: b.target_index ?? 0 }) })),
        deskMark: { epoch: d.epoch, seq: d.high_water },
        lastSeenAt: d.last_seen_at,
        waiting: d.waiting,
        waitingAt: d.waiting_at,
        signedOff: s ? { by: s.signed_by, role: s.signed_by_role, at: s.signed_at, covered: { epoch: s.covered_epoch, seq: s.covered_seq } } : null,
        changedAfterSignOff: records.rows[0]?.changed ?? [],
      };
    },

    /**
     * Every desk's day (or those of `desks`), in code order, and the server's clock when read, for
     * the sign-off panel. Desk by desk through day(), a few at a time: the pool holds a lead's few connections.
     */
    async days(date: string, desks: readonly string[]): Promise<{ serverNow: number; days: TeamDayStatus[] }> {
      const { rows } = await conn.query<{ ms: number }>('SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint AS ms');
      const days: Array<TeamDayStatus | undefined> = new Array(desks.length);
      let next = 0;
      const worker = async () => {
        while (next < desks.length) {
          const i = next++;
          days[i] = await api.day(desks[i]!, date);
        }
      };
      await Promise.all(Array.from({ length: Math.min(DAY_READERS, desks.length) }, worker));
      return { serverNow: rows[0]!.ms, days: days.filter((d): d is TeamDayStatus => d !== undefined) };
    },

    /**
     * Signs the desk's day off in `by`'s name (the login's role is kept beside it). Refused (a
     * TeamServerError) when the day is not over in the desk's zone (dayNotOver), blockers remain
     * (signOffBlocked), it is signed already (alreadySignedOff: by whom, when) or there is no such desk.
     */
    async signOff(desk: string, date: string, by: string): Promise<{ at: number; covered: { epoch: number; seq: number } }> {
      const { rows } = await conn.query<{ signed_at: number; covered_epoch: number; covered_seq: number }>(
        'SELECT signed_at, covered_epoch, covered_seq FROM hotline_team.sign_off_day($1, $2, $3)',
        [desk, date, by],
      );
      const row = rows[0]!;
      return { at: row.signed_at, covered: { epoch: row.covered_epoch, seq: row.covered_seq } };
    },
  };
  return api;
}

/** A desk's side. */
export function deskSignOffs(conn: TeamConnection) {
  return {
    /** Sign-offs of this desk's days made after `signedAfter` (server clock, epoch ms), oldest first. */
    async since(signedAfter: number): Promise<ServerSignOff[]> {
      const { rows } = await conn.query<ServerSignOff>(
        'SELECT local_date, signed_by, signed_at FROM hotline_team.signoffs WHERE desk_code = hotline_team.my_desk() AND signed_at > $1 ORDER BY signed_at LIMIT 1000',
        [signedAfter],
      );
      return rows;
    },
    /** Tells the server how many of this desk's records still wait to be pushed, and the desk's zone. */
    async reportWaiting(instance: string, waiting: number, timeZone: string | null): Promise<void> {
      await conn.query('SELECT hotline_team.report_waiting($1, $2, $3)', [instance, waiting, timeZone]);
    },
  };
}
