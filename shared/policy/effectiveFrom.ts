import { DateTime } from 'luxon';

/** Why an "effective from" date was refused; the UI says it next to the date field. */
export type EffectiveFromProblem = 'format' | 'future';

/**
 * The instant a version typed as "effective from DATE" starts: DATE 00:00 in the
 * policy's own calendar zone (a zone whose clocks skip midnight starts at the
 * first minute the day has). Refuses a malformed date or one after `now`: a
 * policy cannot be in force from a day that has not begun.
 * @example effectiveFromDate('2026-09-01', 'Asia/Shanghai', now) // { ok: true, at: Date.UTC(2026, 7, 31, 16) }
 */
export function effectiveFromDate(date: string, zone: string, now: number): { ok: true; at: number } | { ok: false; problem: EffectiveFromProblem } {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return { ok: false, problem: 'format' };
  const day = DateTime.fromISO(date, { zone });
  if (!day.isValid || day.toISODate() !== date) return { ok: false, problem: 'format' };
  const at = day.startOf('day').toMillis();
  return at > now ? { ok: false, problem: 'future' } : { ok: true, at };
}
