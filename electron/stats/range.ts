import { sql, type RawBuilder } from 'kysely';
import { visibleCalls } from '../store/visibility';

/** A period of local dates, inclusive, and the instant at which running targets are judged. */
export interface StatsRange {
  from: string;
  to: string;
  now: number;
}

/** The calls of the range that count (the local_date index serves it): visible (store/visibility.ts), and not voided (a voided record counts in no figure). */
export const inRange = (r: StatsRange): RawBuilder<unknown> => sql`calls.local_date BETWEEN ${r.from} AND ${r.to} AND calls.voided_at IS NULL AND ${visibleCalls()}`;

/** A record with a missed target: an ended one, or a running one already past due. */
export const breachedSql = (now: number): RawBuilder<unknown> => sql`(calls.ended_breach = 1 OR (calls.next_due_at IS NOT NULL AND calls.next_due_at < ${now}))`;

export const ratio = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);
export const minutes = (ms: number | null): number | null => (ms === null ? null : Math.round(ms / 6_000) / 10);
