import { DateTime } from 'luxon';

/** Pure conversions between UTC epoch milliseconds and a desk's local time. No I/O; `now` is always passed in. */

/** Zone names are the domain's (the policy's schema checks them too): kept there so that shared/policy never imports the timing core, which imports it. */
export { canonicalTimeZone, isValidTimeZone } from '../domain/timeZone';

/**
 * The local calendar date of an instant in a zone.
 * @example localDate(Date.UTC(2024, 4, 20, 6, 15), 'Asia/Shanghai') === '2024-05-20'
 */
export function localDate(epochMs: number, zone: string): string {
  return DateTime.fromMillis(epochMs, { zone }).toFormat('yyyy-MM-dd');
}

/** Hour of day (0–23) of an instant in a zone. */
export function localHour(epochMs: number, zone: string): number {
  return DateTime.fromMillis(epochMs, { zone }).hour;
}

/** 'HH:mm' of an instant in a zone, e.g. for a record list. */
export function localClock(epochMs: number, zone: string): string {
  return DateTime.fromMillis(epochMs, { zone }).toFormat('HH:mm');
}

/** 'yyyy-MM-dd HH:mm' of an instant in a zone. */
export function localDateTime(epochMs: number, zone: string): string {
  return DateTime.fromMillis(epochMs, { zone }).toFormat('yyyy-MM-dd HH:mm');
}

export type ParseTimeError = 'format' | 'nonexistent' | 'future' | 'past';
export type ParsedTime = { ok: true; epochMs: number } | { ok: false; error: ParseTimeError };

/** A typed time may be a little ahead of the desk clock (clock skew between a phone and a PC). */
const FUTURE_TOLERANCE_MS = 60_000;
/** How far back a bare clock time may be read as yesterday's. */
const PAST_ROLLBACK_MS = 12 * 3_600_000;

const TYPED = /^\s*(?:(\d{4})-(\d{1,2})-(\d{1,2})[ T]+)?(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?\s*$/;

/**
 * The other ways a time gets typed while the phone rings, made HH:MM first:
 * '2115' and '915' (no separator), '21.05', '21点05', '21点05分', '21时05分', '21点' (on the hour).
 */
function asClock(text: string): string {
  return text
    .replace(/(\d{1,2})\s*[点时]\s*(\d{1,2})?\s*分?\s*$/, (_, h: string, m?: string) => `${h}:${(m ?? '0').padStart(2, '0')}`)
    .replace(/(^|[ T])(\d{1,2})\.(\d{2})\s*$/, '$1$2:$3')
    .replace(/(^|[ T])(\d{1,2})(\d{2})\s*$/, '$1$2:$3');
}

/**
 * Reads a time typed by a person as local time in `zone`: 'HH:MM[:SS]' or
 * 'YYYY-MM-DD HH:MM[:SS]' (full-width digits and colons too; '2115', '21.05' and
 * '21点05' are read as 21:05). A moment that
 * already happened (`expect: 'past'`, e.g. a call time read off the phone's
 * display) may not lie in the future, and a bare time means its latest
 * occurrence within half a day (just after midnight, '23:58' is yesterday). A deadline
 * (`expect: 'future'`) must lie ahead, and a bare time means its next
 * occurrence. A local time that does not exist (a DST gap) is refused.
 * @example parseTypedTime('14:23', 'Asia/Shanghai', now, 'past')
 */
export function parseTypedTime(text: string, zone: string, now: number, expect: 'past' | 'future'): ParsedTime {
  const m = TYPED.exec(asClock(text.replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).trim()));
  if (!m) return { ok: false, error: 'format' };
  const today = DateTime.fromMillis(now, { zone });
  const parts = {
    year: m[1] ? Number(m[1]) : today.year,
    month: m[2] ? Number(m[2]) : today.month,
    day: m[3] ? Number(m[3]) : today.day,
    hour: Number(m[4]),
    minute: Number(m[5]),
    second: m[6] ? Number(m[6]) : 0,
  };
  let at: DateTime = DateTime.fromObject(parts, { zone });
  if (!at.isValid) return { ok: false, error: 'format' };
  // Luxon silently moves a time inside a DST gap forward; a wall-clock time that never happened is refused instead.
  if (at.hour !== parts.hour || at.minute !== parts.minute) return { ok: false, error: 'nonexistent' };
  at = earliestReading(at);
  if (!m[1]) at = nearestOccurrence(at, now, expect);
  if (expect === 'past' && at.toMillis() > now + FUTURE_TOLERANCE_MS) return { ok: false, error: 'future' };
  if (expect === 'future' && at.toMillis() <= now) return { ok: false, error: 'past' };
  return { ok: true, epochMs: at.toMillis() };
}

/**
 * In a repeated hour (DST fall-back) a wall-clock time happens twice; Luxon
 * picks the later. The earlier is what a person logging a call means by default
 * (as Temporal's 'compatible' disambiguation does).
 */
function earliestReading(at: DateTime): DateTime {
  const shift = at.minus({ hours: 3 }).offset - at.offset;
  if (shift <= 0) return at;
  const earlier = at.minus({ minutes: shift });
  return earlier.hour === at.hour && earlier.minute === at.minute ? earlier : at;
}

/** Moves a bare clock time to the day before or after when today's would be on the wrong side of `now`. */
function nearestOccurrence(at: DateTime, now: number, expect: 'past' | 'future'): DateTime {
  const wrongSide = expect === 'past' ? at.toMillis() > now + FUTURE_TOLERANCE_MS : at.toMillis() <= now;
  if (!wrongSide) return at;
  const moved = expect === 'past' ? at.minus({ days: 1 }) : at.plus({ days: 1 });
  // A past moment read as yesterday only across midnight (within half a day): '15:30' typed at 14:15 is a typo, not yesterday.
  if (expect === 'past' && now - moved.toMillis() > PAST_ROLLBACK_MS) return at;
  // The same wall-clock time on the other day might itself fall in a DST gap; then keep today's.
  return moved.hour === at.hour && moved.minute === at.minute ? moved : at;
}
