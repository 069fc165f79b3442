import type { MissedCallbackRow, PhoneKpiRow, PhoneThresholds } from '../store/statsQueries';
import type { TeamConnection } from './connect';
import type { TeamStatsRange } from './teamStatsSql';

type Reader = Pick<TeamConnection, 'query'>;

/**
 * The telephony reads of the statistics' contract (store/phoneStatsQueries.ts)
 * answered from the team server's phone facts (migration 0007), grouped as the
 * desk groups them (desk, local hour of coming in, agent), so the same code
 * (electron/stats/phone.ts) computes the same KPIs.
 *
 * A call is counted once team-wide, as one database holding every desk's phone
 * facts counts it (unique by pbx and call id): a queue call several desks
 * watched is pushed by each of them. Its one row is the desk's whose record it
 * opened, else the one that saw it answered, else the desk owning its missed
 * call, else the first desk by code; a desk filter keeps the calls so
 * attributed to the desks asked for.
 *
 * The row is picked before the period filters it: desks in different zones,
 * or one that saw the offer earlier, can put one call on different local
 * dates, and the call belongs to the day of the row that counts it. So every
 * call with any desk's row in the period is looked at, and kept when its one
 * row is in the period. Only a finished inbound row can be the call's: a desk
 * that missed the end cannot hide the call another desk saw end.
 */

/** PostgreSQL's undefined_table: a server before migration 0007 keeps no phone facts, so telephony saw no call. */
const NO_SUCH_TABLE = '42P01';
const orNone = async <T>(read: Promise<{ rows: T[] }>): Promise<T[]> => {
  try {
    return (await read).rows;
  } catch (error) {
    if ((error as { sqlState?: string }).sqlState === NO_SUCH_TABLE) return [];
    throw error;
  }
};

const params = (r: TeamStatsRange): unknown[] => [r.from, r.to, r.desks ? [...r.desks] : null];
const IN_SCOPE = '($3::text[] IS NULL OR p.desk_code = ANY ($3::text[]))';
/** As the desk: the record's agent where the call opened one, else the interface it rang; '' for a call that reached nobody. */
const AGENT = "coalesce(c.agent, p.agent, '')";

export async function teamPhoneCallFacts(conn: Reader, r: TeamStatsRange, t: PhoneThresholds): Promise<PhoneKpiRow[]> {
  return orNone(
    conn.query<PhoneKpiRow>(
      `WITH touched AS (
         SELECT DISTINCT pbx, call_id FROM hotline_team.phone_calls WHERE local_date BETWEEN $1 AND $2
       ), picked AS (
         SELECT DISTINCT ON (p.pbx, p.call_id) p.*
           FROM touched k
           JOIN hotline_team.phone_calls p ON p.pbx = k.pbx AND p.call_id = k.call_id
           LEFT JOIN hotline_team.missed_calls m ON m.pbx = p.pbx AND m.call_id = p.call_id
          WHERE p.direction = 'in' AND (p.answered_at IS NOT NULL OR p.ended_at IS NOT NULL)
          ORDER BY p.pbx, p.call_id, (p.record_no IS NULL), (p.answered_at IS NULL), (m.desk_code IS DISTINCT FROM p.desk_code), p.desk_code COLLATE "C"
       ), once AS (
         SELECT * FROM picked p WHERE p.local_date BETWEEN $1 AND $2
       )
       SELECT p.desk_code, p.local_hour AS hour, ${AGENT} AS agent,
              count(*) AS offered,
              count(*) FILTER (WHERE p.answered_at IS NOT NULL) AS answered,
              count(*) FILTER (WHERE p.answered_at IS NOT NULL AND p.wait_sec <= $4) AS answered_within,
              count(*) FILTER (WHERE p.answered_at IS NULL) AS abandoned,
              count(*) FILTER (WHERE p.answered_at IS NULL AND p.wait_sec < $5) AS short_abandons,
              coalesce(sum(p.wait_sec) FILTER (WHERE p.answered_at IS NOT NULL), 0)::float8 AS answered_wait_sum,
              max(p.wait_sec)::float8 AS longest_wait,
              count(*) FILTER (WHERE p.answered_at IS NOT NULL AND p.talk_sec IS NOT NULL) AS talk_n,
              coalesce(sum(p.talk_sec) FILTER (WHERE p.answered_at IS NOT NULL), 0)::float8 AS talk_sum,
              count(*) FILTER (WHERE p.answered_at IS NOT NULL AND p.ended_at IS NOT NULL AND c.closed_at IS NOT NULL) AS wrap_n,
              coalesce(sum(greatest(0, c.closed_at - p.ended_at) / 1000.0) FILTER (WHERE p.answered_at IS NOT NULL AND p.ended_at IS NOT NULL AND c.closed_at IS NOT NULL), 0)::float8 AS wrap_sum
         FROM once p LEFT JOIN hotline_team.calls c ON c.desk_code = p.desk_code AND c.record_no = p.record_no
        WHERE ${IN_SCOPE}
        GROUP BY p.desk_code, p.local_hour, ${AGENT}
        ORDER BY p.desk_code COLLATE "C", p.local_hour, (${AGENT}) COLLATE "C"`,
      [...params(r), t.answeredWithinSec, t.shortAbandonSec],
    ),
  );
}

/** The period's missed calls with a callback due time, each once (the team's row, with its merged callback), by the owning desk; open ones judged at `now`. */
export async function teamMissedCallbacks(conn: Reader, r: TeamStatsRange, now: number): Promise<MissedCallbackRow[]> {
  return orNone(
    conn.query<MissedCallbackRow>(
      `SELECT m.desk_code, m.local_hour AS hour, ${AGENT} AS agent, count(*) AS with_due,
              count(*) FILTER (WHERE m.called_back_at IS NOT NULL AND m.called_back_at <= m.callback_due_at) AS met,
              -- Not called back yet and still due: undecided, as the desk judges it at the report's now.
              count(*) FILTER (WHERE m.called_back_at IS NULL AND m.callback_due_at >= $4) AS in_time_open
         FROM hotline_team.missed_calls m
         LEFT JOIN hotline_team.phone_calls p ON p.desk_code = m.desk_code AND p.pbx = m.pbx AND p.call_id = m.call_id
         LEFT JOIN hotline_team.calls c ON c.desk_code = p.desk_code AND c.record_no = p.record_no
        WHERE m.local_date BETWEEN $1 AND $2 AND m.callback_due_at IS NOT NULL AND ($3::text[] IS NULL OR m.desk_code = ANY ($3::text[]))
        GROUP BY m.desk_code, m.local_hour, ${AGENT}
        ORDER BY m.desk_code COLLATE "C", m.local_hour, (${AGENT}) COLLATE "C"`,
      [...params(r), now],
    ),
  );
}
