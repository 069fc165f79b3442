import { sql, type Kysely } from 'kysely';
import type { Database } from './schema';

/** The current policy's telephony thresholds (telephonyTargets), which the phone reads count within. */
export interface PhoneThresholds {
  /** Service level: answered within this many seconds of coming in. */
  answeredWithinSec: number;
  /** A caller who hangs up unanswered sooner than this is a short abandon. */
  shortAbandonSec: number;
}

/**
 * Inbound calls the phone system saw (phone_calls, direction 'in') of a
 * period, grouped by desk, local hour of coming in and agent. A call still
 * waiting (neither answered nor ended) is in no count yet. Times in seconds.
 */
export interface PhoneKpiRow {
  desk_code: string;
  hour: number;
  /** The record's agent where the call opened a record, else the agent interface it rang; '' for a call that reached nobody (abandoned in a queue). */
  agent: string;
  /** Answered or ended unanswered. */
  offered: number;
  answered: number;
  /** Answered with a wait of at most `answeredWithinSec`. */
  answered_within: number;
  /** Ended without an answer, whatever the cause. */
  abandoned: number;
  /** Abandoned after a wait shorter than `shortAbandonSec`. */
  short_abandons: number;
  /** The waits of the answered calls, summed. */
  answered_wait_sum: number;
  /** The longest wait of any offered call (answered or abandoned); null without any. */
  longest_wait: number | null;
  /** Answered calls that have ended, and their talk times (answer to hang-up) summed. */
  talk_n: number;
  talk_sum: number;
  /** Answered calls whose record was closed after the hang-up, and those hang-up-to-close times summed. */
  wrap_n: number;
  wrap_sum: number;
}

/** Missed calls of a period (by the local date they came in) with a callback due time, grouped like PhoneKpiRow. */
export interface MissedCallbackRow {
  desk_code: string;
  hour: number;
  /** The agent interface the call rang, '' for a queue's. */
  agent: string;
  with_due: number;
  /** Called back by the due time. */
  met: number;
  /** Not called back yet, and the due time still ahead at `now`: not decided, so in neither side of the rate. */
  in_time_open: number;
}

/** The telephony reads of the statistics' contract (StatsQueries extends it); the team server answers them too. */
export interface PhoneStatsQueries {
  /** The phone system's inbound calls of the period, grouped (PhoneKpiRow); the call-centre KPIs are computed from these. */
  phoneCallFacts(r: PhoneRange, t: PhoneThresholds): Promise<PhoneKpiRow[]>;
  /** The period's missed calls with a callback due time, grouped (MissedCallbackRow). */
  missedCallbacks(r: PhoneRange): Promise<MissedCallbackRow[]>;
}

/** A period of local dates, inclusive, and the instant open callbacks are judged at (StatsRange fits). */
export interface PhoneRange {
  from: string;
  to: string;
  now: number;
}

/**
 * The telephony reads of the statistics' contract (statsQueries.ts), answered
 * from this desk's phone_calls and missed_calls (migration 0014). Only this
 * desk's phone saw these calls, so the desk is the database's own.
 * SQLite-only: comparisons summed as 0/1 (PostgreSQL needs FILTER or a CASE).
 */
export function sqlitePhoneStatsQueries(db: Kysely<Database>): PhoneStatsQueries {
  /** The record's agent where the call opened one (even a record voided for a missed call: it rang them), else the interface it rang. */
  const agentOf = sql`coalesce(c.agent, p.agent, '')`;
  return {
    async phoneCallFacts(r, t) {
      return (
        await sql<PhoneKpiRow>`
        SELECT coalesce((SELECT code FROM desk), '') AS desk_code, p.local_hour AS hour, ${agentOf} AS agent,
          count(*) AS offered,
          sum(p.answered_at IS NOT NULL) AS answered,
          sum(p.answered_at IS NOT NULL AND p.wait_sec <= ${t.answeredWithinSec}) AS answered_within,
          sum(p.answered_at IS NULL) AS abandoned,
          sum(p.answered_at IS NULL AND p.wait_sec < ${t.shortAbandonSec}) AS short_abandons,
          coalesce(sum(CASE WHEN p.answered_at IS NOT NULL THEN p.wait_sec END), 0) AS answered_wait_sum,
          max(p.wait_sec) AS longest_wait,
          sum(p.answered_at IS NOT NULL AND p.talk_sec IS NOT NULL) AS talk_n,
          coalesce(sum(CASE WHEN p.answered_at IS NOT NULL THEN p.talk_sec END), 0) AS talk_sum,
          sum(p.answered_at IS NOT NULL AND p.ended_at IS NOT NULL AND c.closed_at IS NOT NULL) AS wrap_n,
          coalesce(sum(CASE WHEN p.answered_at IS NOT NULL AND p.ended_at IS NOT NULL AND c.closed_at IS NOT NULL
                            THEN max(0, c.closed_at - p.ended_at) / 1000.0 END), 0) AS wrap_sum
        FROM phone_calls p LEFT JOIN calls c ON c.id = p.call_record_id
        WHERE p.direction = 'in' AND p.local_date BETWEEN ${r.from} AND ${r.to} AND (p.answered_at IS NOT NULL OR p.ended_at IS NOT NULL)
        GROUP BY p.local_hour, ${agentOf} ORDER BY hour, agent`.execute(db)
      ).rows;
    },

    async missedCallbacks(r) {
      return (
        await sql<MissedCallbackRow>`
        SELECT m.desk_code AS desk_code, m.local_hour AS hour, ${agentOf} AS agent, count(*) AS with_due,
          sum(m.called_back_at IS NOT NULL AND m.called_back_at <= m.callback_due_at) AS met,
          sum(m.called_back_at IS NULL AND m.callback_due_at >= ${r.now}) AS in_time_open
        FROM missed_calls m LEFT JOIN phone_calls p ON p.missed_call_id = m.id LEFT JOIN calls c ON c.id = p.call_record_id
        WHERE m.local_date BETWEEN ${r.from} AND ${r.to} AND m.callback_due_at IS NOT NULL
        GROUP BY m.desk_code, m.local_hour, ${agentOf} ORDER BY desk_code, hour, agent`.execute(db)
      ).rows;
    },
  };
}
