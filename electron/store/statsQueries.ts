import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from './schema';
import { visibleCalls } from './visibility';
import { sqlitePhoneStatsQueries, type PhoneStatsQueries } from './phoneStatsQueries';

export type { MissedCallbackRow, PhoneKpiRow, PhoneStatsQueries, PhoneThresholds } from './phoneStatsQueries';

/**
 * The statistics' reads, as one contract (`StatsQueries`) and its SQLite
 * implementation. electron/stats computes every figure from these rows and
 * holds no SQL, so a second engine (the team server's PostgreSQL, which has no
 * rollup tables and groups its calls directly) plugs in a second
 * implementation without touching the figures or their callers.
 */

/** A period of local dates, inclusive, and the instant at which running targets are judged. */
export interface StatsRange {
  from: string;
  to: string;
  now: number;
}

/** The settled figures of a range, summed over its days. */
export interface DayTotals {
  calls: number;
  answered: number;
  response_ms_sum: number;
  response_met: number;
  response_late: number;
  resolved_in_target: number;
  resolution_settled: number;
  ended_breach: number;
  fb_satisfied: number;
  fb_basic: number;
  fb_unsatisfied: number;
}

/** The settled figures by priority, category and result ('' for none). */
export interface DimRow {
  priority: string;
  category: string;
  result: string;
  calls: number;
  response_met: number;
  response_late: number;
  has_response_target: number;
  resolved_in_target: number;
  resolution_settled: number;
}

/** A record of the range with a target still running: its share of the figures depends on "now". */
export interface RunningRow {
  priority: string | null;
  category: string | null;
  agent: string;
  answered_at: number | null;
  response_due_at: number | null;
  resolved_at: number | null;
  resolution_due_at: number | null;
  result: string | null;
  ended_breach: number | null;
  next_due_at: number;
  callback_due_at: number | null;
  callback_done_at: number | null;
  lead_due_at: number | null;
  lead_follow_up_done_at: number | null;
}

/** One desk's day of calls and scores (a database of merged desks has a row per desk and day). */
export interface DayVolumeRow {
  date: string;
  calls: number;
  speed_sum: number;
  speed_n: number;
  prof_sum: number;
  prof_n: number;
  res_sum: number;
  res_n: number;
}

export interface AgentTotalsRow {
  agent: string;
  calls: number;
  answered: number;
  response_ms_sum: number;
  ended_breach: number;
}

export interface DepartmentTransfersRow {
  department: string;
  transfers: number;
  /** The average second-response time in ms, null when none was answered. */
  avg: number | null;
  breached: number;
}

/** The columns a breached record's missed targets are read from: its stored due times and the moments that end them. */
export interface BreachRow {
  id: number;
  desk_code: string;
  record_no: string;
  call_at: number;
  time_zone: string;
  agent: string;
  priority: string | null;
  category: string | null;
  reason: string | null;
  answered_at: number | null;
  response_due_at: number | null;
  resolved_at: number | null;
  resolution_due_at: number | null;
  result_told_at: number | null;
  told_due_at: number | null;
  callback_done_at: number | null;
  callback_due_at: number | null;
  lead_follow_up_done_at: number | null;
  lead_due_at: number | null;
  transfer_due_at: number | null;
}

export interface TransferDue {
  call_id: number;
  seq: number;
  transferred_at: number;
  answered_at: number | null;
  due_at: number | null;
}

export interface BreachReasonRow {
  call_id: number;
  kind: string;
  idx: number;
  code: string;
  text: string | null;
}

/** The period's breached records: how many, the reasons given, and the most recent `limit` with their transfers and reasons. */
export interface BreachRows {
  total: number;
  byReason: Array<{ code: string; n: number }>;
  withoutReason: number;
  recent: BreachRow[];
  transfers: TransferDue[];
  reasons: BreachReasonRow[];
}

/** Every read the statistics make; `sqliteStatsQueries` is this desk's, the team server adds its own. The telephony reads are in PhoneStatsQueries. */
export interface StatsQueries extends PhoneStatsQueries {
  dayTotals(r: StatsRange): Promise<DayTotals>;
  dimensions(r: StatsRange): Promise<DimRow[]>;
  runningRows(r: StatsRange): Promise<RunningRow[]>;
  /** The ten most frequent call reasons, most calls first, ties by reason. */
  topReasons(r: StatsRange): Promise<Array<{ reason: string; calls: number }>>;
  /** Answered calls per tenth of a minute of response, ascending. */
  responseTenths(r: StatsRange): Promise<Array<{ tenth: number; calls: number }>>;
  /** Days with calls, in date order. */
  dayVolumes(r: StatsRange): Promise<DayVolumeRow[]>;
  /** Calls per hour of day (hours without calls may be absent). */
  hourVolumes(r: StatsRange): Promise<Array<{ hour: number; calls: number }>>;
  /** Agents with calls, most calls first, ties by name. */
  agentTotals(r: StatsRange): Promise<AgentTotalsRow[]>;
  /** Departments transferred to, most transfers first, ties by name. */
  departmentTransfers(r: StatsRange): Promise<DepartmentTransfersRow[]>;
  breaches(r: StatsRange, limit: number): Promise<BreachRows>;
  /** The desk codes whose records fall in the period, in order. */
  desksInRange(r: Pick<StatsRange, 'from' | 'to'>): Promise<string[]>;
}

/** The calls of the range that count (the local_date index serves it): visible (store/visibility.ts), and not voided (a voided record counts in no figure). */
const inRange = (r: StatsRange): RawBuilder<unknown> => sql`calls.local_date BETWEEN ${r.from} AND ${r.to} AND calls.voided_at IS NULL AND ${visibleCalls()}`;

/** A record with a missed target: an ended one, or a running one already past due. */
const breachedSql = (now: number): RawBuilder<unknown> => sql`(calls.ended_breach = 1 OR (calls.next_due_at IS NOT NULL AND calls.next_due_at < ${now}))`;

/**
 * The statistics of this SQLite database: the settled part summed from the
 * per-day rollups that migration 0004's triggers keep (SQLite-only: the stats_*
 * tables and their triggers), the running part from the calls_running index;
 * the telephony reads from phone_calls (phoneStatsQueries.ts).
 */
export function sqliteStatsQueries(db: Kysely<Database>): StatsQueries {
  return {
    ...sqlitePhoneStatsQueries(db),
    async dayTotals(r) {
      return (
        await sql<DayTotals>`
        SELECT coalesce(sum(calls), 0) AS calls, coalesce(sum(answered), 0) AS answered, coalesce(sum(response_ms_sum), 0) AS response_ms_sum,
          coalesce(sum(response_met), 0) AS response_met, coalesce(sum(response_late), 0) AS response_late,
          coalesce(sum(resolved_in_target), 0) AS resolved_in_target, coalesce(sum(resolution_settled), 0) AS resolution_settled,
          coalesce(sum(ended_breach), 0) AS ended_breach, coalesce(sum(fb_satisfied), 0) AS fb_satisfied,
          coalesce(sum(fb_basic), 0) AS fb_basic, coalesce(sum(fb_unsatisfied), 0) AS fb_unsatisfied
        FROM stats_day WHERE local_date BETWEEN ${r.from} AND ${r.to}`.execute(db)
      ).rows[0]!;
    },

    async dimensions(r) {
      return (
        await sql<DimRow>`
        SELECT priority, category, result, sum(calls) AS calls, sum(response_met) AS response_met, sum(response_late) AS response_late,
          sum(has_response_target) AS has_response_target, sum(resolved_in_target) AS resolved_in_target, sum(resolution_settled) AS resolution_settled
        FROM stats_dim WHERE local_date BETWEEN ${r.from} AND ${r.to} GROUP BY priority, category, result`.execute(db)
      ).rows;
    },

    async runningRows(r) {
      // SQLite-only: INDEXED BY keeps the planner on the small partial index of running records.
      return (
        await sql<RunningRow>`
        SELECT priority, category, agent, answered_at, response_due_at, resolved_at, resolution_due_at, result, ended_breach,
               next_due_at, callback_due_at, callback_done_at, lead_due_at, lead_follow_up_done_at
        FROM calls INDEXED BY calls_running WHERE local_date BETWEEN ${r.from} AND ${r.to} AND next_due_at IS NOT NULL AND voided_at IS NULL AND ${visibleCalls()}`.execute(db)
      ).rows;
    },

    async topReasons(r) {
      return (
        await sql<{ reason: string; calls: number }>`
        SELECT reason, sum(calls) AS calls FROM stats_reason WHERE local_date BETWEEN ${r.from} AND ${r.to}
        GROUP BY reason HAVING sum(calls) > 0 ORDER BY calls DESC, reason LIMIT 10`.execute(db)
      ).rows;
    },

    async responseTenths(r) {
      return (
        await sql<{ tenth: number; calls: number }>`
        SELECT tenth, sum(calls) AS calls FROM stats_response WHERE local_date BETWEEN ${r.from} AND ${r.to} GROUP BY tenth HAVING sum(calls) > 0 ORDER BY tenth`.execute(db)
      ).rows;
    },

    async dayVolumes(r) {
      return (
        await sql<DayVolumeRow>`
        SELECT local_date AS date, calls, speed_sum, speed_n, prof_sum, prof_n, res_sum, res_n
        FROM stats_day WHERE local_date BETWEEN ${r.from} AND ${r.to} AND calls > 0 ORDER BY local_date`.execute(db)
      ).rows;
    },

    async hourVolumes(r) {
      return (await sql<{ hour: number; calls: number }>`SELECT hour, sum(calls) AS calls FROM stats_hour WHERE local_date BETWEEN ${r.from} AND ${r.to} AND hour >= 0 GROUP BY hour`.execute(db)).rows;
    },

    async agentTotals(r) {
      return (
        await sql<AgentTotalsRow>`
        SELECT agent, sum(calls) AS calls, sum(answered) AS answered, sum(response_ms_sum) AS response_ms_sum, sum(ended_breach) AS ended_breach
        FROM stats_agent WHERE local_date BETWEEN ${r.from} AND ${r.to} GROUP BY agent HAVING sum(calls) > 0 ORDER BY calls DESC, agent`.execute(db)
      ).rows;
    },

    async departmentTransfers(r) {
      // SQLite-only: a comparison sums as 0/1 (PostgreSQL needs a CASE or a cast).
      return (
        await sql<DepartmentTransfersRow>`
        SELECT t.to_owner AS department, count(*) AS transfers, avg(t.answered_at - t.transferred_at) AS avg,
          sum((t.answered_at IS NOT NULL AND t.answered_at > t.due_at) OR (t.answered_at IS NULL AND t.due_at < ${r.now})) AS breached
        FROM transfers t JOIN calls ON calls.id = t.call_id
        WHERE ${inRange(r)} GROUP BY t.to_owner ORDER BY transfers DESC, department`.execute(db)
      ).rows;
    },

    async breaches(r, limit) {
      const where = sql`${inRange(r)} AND ${breachedSql(r.now)}`;
      const [total, byReason, withoutReason, recent] = await Promise.all([
        sql<{ n: number }>`SELECT count(*) AS n FROM calls WHERE ${where}`.execute(db),
        sql<{ code: string; n: number }>`
          SELECT m.code AS code, count(*) AS n FROM miss_reasons m JOIN calls ON calls.id = m.call_id
          WHERE ${where} GROUP BY m.code ORDER BY n DESC, m.code`.execute(db),
        sql<{ n: number }>`SELECT count(*) AS n FROM calls WHERE ${where} AND NOT EXISTS (SELECT 1 FROM miss_reasons m WHERE m.call_id = calls.id)`.execute(db),
        sql<BreachRow>`
          SELECT id, desk_code, record_no, call_at, time_zone, agent, priority, category, reason, answered_at, response_due_at,
            resolved_at, resolution_due_at, result_told_at, told_due_at, callback_done_at, callback_due_at,
            lead_follow_up_done_at, lead_due_at, transfer_due_at
          FROM calls WHERE ${where} ORDER BY call_at DESC, id DESC LIMIT ${limit}`.execute(db),
      ]);
      const ids = recent.rows.map((row) => row.id);
      const [transfers, reasons] =
        ids.length === 0
          ? [[], []]
          : await Promise.all([
              db.selectFrom('transfers').select(['call_id', 'seq', 'transferred_at', 'answered_at', 'due_at']).where('call_id', 'in', ids).execute(),
              db.selectFrom('miss_reasons').select(['call_id', 'kind', 'idx', 'code', 'text']).where('call_id', 'in', ids).execute(),
            ]);
      return { total: total.rows[0]?.n ?? 0, byReason: byReason.rows, withoutReason: withoutReason.rows[0]?.n ?? 0, recent: recent.rows, transfers, reasons };
    },

    async desksInRange(r) {
      const rows = await db.selectFrom('calls').select('desk_code').distinct().where('local_date', '>=', r.from).where('local_date', '<=', r.to).where(visibleCalls()).orderBy('desk_code').execute();
      return rows.map((row) => row.desk_code);
    },
  };
}
