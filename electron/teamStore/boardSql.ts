import type { TeamConnection } from './connect';

/**
 * The team board's read: every desk's open calls with a running target, near
 * and breached first, each with when its desk was last heard from and the
 * server's clock (countdowns run on the server's clock; a desk whose clock is
 * more than 60 s off is flagged by its offset).
 */

/** An open call of some desk with a target still running. */
export interface BoardCall {
  desk_code: string;
  record_no: string;
  agent: string;
  call_at: number;
  priority: string | null;
  category: string | null;
  answered_at: number | null;
  closed_at: number | null;
  /** The earliest due time of its running targets: the countdown. */
  next_due_at: number;
  response_due_at: number | null;
  resolution_due_at: number | null;
  callback_due_at: number | null;
  callback_done_at: number | null;
  lead_due_at: number | null;
  lead_follow_up_done_at: number | null;
}

/** A desk on the board: when it was last heard from, and how many of its calls have a target running, and how many of those are past due. */
export interface BoardDesk {
  desk_code: string;
  /** When the desk last pushed or renewed its lease (server clock); null when never. A silent desk's calls are greyed out, not counted as breaches. */
  last_seen_at: number | null;
  /** The desk's clock minus the server's at its last push: more than 60 s either way is flagged. */
  desk_clock_offset_ms: number | null;
  running: number;
  overdue: number;
}

/** A queue's live state as the newest desk watching it last reported it (migration 0007's queue_snapshots). */
export interface BoardQueue {
  pbx: string;
  queue: string;
  /** Callers waiting, and the longest of their waits in seconds, at `at`. */
  waiting: number;
  longest_wait_sec: number;
  available: number | null;
  /** When the PBX said so, on the server's clock. */
  at: number;
  /** The desk whose report it is. */
  desk_code: string;
}

export interface Board {
  /** The server's clock when the board was read, epoch ms: countdowns run on it. */
  serverNow: number;
  /** Every queue a desk reports, in (pbx, queue) order; empty on a server without telephony (before migration 0007). */
  queues: BoardQueue[];
  /** Every desk of the team, in code order. */
  desks: BoardDesk[];
  /** The `limit` most urgent calls with a running target, earliest due first. */
  calls: BoardCall[];
}

/** How many calls the board reads at most (as the desk's Follow-ups view, store/calls.ts OPEN_WORK_LIMIT): a team that fell far behind still opens its board at once, most urgent on top; the desks' counts say how many more there are. */
export const BOARD_LIMIT = 500;

const RUNNING = 'c.next_due_at IS NOT NULL AND c.voided_at IS NULL';

/**
 * Reads the board in one statement, on one snapshot and the server's clock. A
 * running target is next_due_at not null (the desk stores the earliest due
 * time of its targets still running); a call closed with one has a follow-up
 * or callback still running, and stays on the board. Voided calls never
 * show. Migration 0002's partial index calls_board (next_due_at, desk_code)
 * serves the order and the desks' counts.
 */
export async function readBoard(conn: Pick<TeamConnection, 'query'>, options: { limit?: number } = {}): Promise<Board> {
  const { rows } = await conn.query<{ now: number; desks: BoardDesk[] | null; calls: BoardCall[] | null }>(
    `WITH now AS (SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint AS ms),
     counts AS (SELECT c.desk_code, count(*) AS running, count(*) FILTER (WHERE c.next_due_at < (SELECT ms FROM now)) AS overdue
                FROM hotline_team.calls c WHERE ${RUNNING} GROUP BY c.desk_code),
     urgent AS (SELECT c.desk_code, c.record_no, c.agent, c.call_at, c.priority, c.category, c.answered_at, c.closed_at, c.next_due_at,
                       c.response_due_at, c.resolution_due_at, c.callback_due_at, c.callback_done_at, c.lead_due_at, c.lead_follow_up_done_at
                FROM hotline_team.calls c WHERE ${RUNNING} ORDER BY c.next_due_at, c.desk_code, c.record_no LIMIT $1)
     SELECT (SELECT ms FROM now) AS now,
            (SELECT json_agg(json_build_object('desk_code', d.desk_code, 'last_seen_at', d.last_seen_at, 'desk_clock_offset_ms', d.desk_clock_offset_ms,
                                               'running', coalesce(k.running, 0), 'overdue', coalesce(k.overdue, 0)) ORDER BY d.desk_code COLLATE "C")
               FROM hotline_team.desks d LEFT JOIN counts k ON k.desk_code = d.desk_code) AS desks,
            (SELECT json_agg(u ORDER BY u.next_due_at, u.desk_code, u.record_no) FROM urgent u) AS calls`,
    [options.limit ?? BOARD_LIMIT],
  );
  const row = rows[0]!;
  return { serverNow: row.now, queues: await readQueues(conn), desks: row.desks ?? [], calls: row.calls ?? [] };
}

/** PostgreSQL's undefined_table: a server not yet migrated to 0007. */
const NO_SUCH_TABLE = '42P01';

/** The newest snapshot of each queue, whichever desk watching it reported it last. */
export async function readQueues(conn: Pick<TeamConnection, 'query'>): Promise<BoardQueue[]> {
  try {
    const { rows } = await conn.query<BoardQueue>(
      `SELECT DISTINCT ON (q.pbx, q.queue) q.pbx, q.queue, q.waiting, q.longest_wait_sec, q.available, q.at, q.desk_code
         FROM hotline_team.queue_snapshots q ORDER BY q.pbx, q.queue, q.at DESC, q.desk_code`,
    );
    return rows;
  } catch (error) {
    if ((error as { sqlState?: string; code?: string }).sqlState === NO_SUCH_TABLE || (error as { code?: string }).code === NO_SUCH_TABLE) return [];
    throw error;
  }
}

/** Calls logged on one local date per desk (the board's "today"), voided ones left out. */
export async function callsOnDay(conn: Pick<TeamConnection, 'query'>, localDate: string): Promise<Map<string, number>> {
  const { rows } = await conn.query<{ desk_code: string; n: number }>(
    'SELECT desk_code, count(*) AS n FROM hotline_team.calls WHERE local_date = $1 AND voided_at IS NULL GROUP BY desk_code',
    [localDate],
  );
  return new Map(rows.map((r) => [r.desk_code, r.n]));
}
