import { DateTime } from 'luxon';
import type { PolicyDuration, Weekday, WorkCalendar } from '../policy/schema';
import { WEEKDAYS } from '../policy/schema';
import { localDateAt } from './zoneOffset';

/**
 * Working-time arithmetic over a business calendar: weekday hours, holidays,
 * make-up working days (调休), in the calendar's IANA zone, DST included.
 * Pure: no clock, no I/O.
 */

/** Ten years: a calendar with working time finds its next opening long before this. */
const MAX_DAYS = 3700;

export class NoWorkingTimeError extends Error {
  constructor() {
    super('The business calendar has no working time in the next ten years.');
  }
}

type Span = readonly [number, number];

interface CalendarIndex {
  holidays: Set<string>;
  makeUpDays: Set<string>;
  spans: Map<string, Span[]>;
  standardDayMs?: number;
}

/**
 * Each calendar's days are worked out once: statistics measure thousands of
 * records against the same calendar, and Luxon's zone math is the slow part.
 * Keyed by the calendar object, so an edited policy (a new object) starts afresh.
 */
const indexes = new WeakMap<WorkCalendar, CalendarIndex>();

function indexOf(cal: WorkCalendar): CalendarIndex {
  let index = indexes.get(cal);
  if (!index) {
    index = { holidays: new Set(cal.holidays), makeUpDays: new Set(cal.makeUpDays), spans: new Map() };
    indexes.set(cal, index);
  }
  return index;
}

/** Working spans of one local date as instants. A wall time that DST skips moves forward, as the clocks do. */
export function workingSpansOn(date: string, cal: WorkCalendar): Span[] {
  const index = indexOf(cal);
  const cached = index.spans.get(date);
  if (cached) return cached;
  const day = DateTime.fromISO(date, { zone: cal.timeZone });
  const periods = index.holidays.has(date)
    ? []
    : index.makeUpDays.has(date)
      ? cal.makeUpHours
      : cal.week[WEEKDAYS[day.weekday - 1] as Weekday];
  const spans = periods.map(([start, end]) => [atClock(day, start), atClock(day, end)] as const);
  index.spans.set(date, spans);
  return spans;
}

function atClock(day: DateTime, hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  if (h === 24) return day.plus({ days: 1 }).startOf('day').toMillis();
  return day.set({ hour: h, minute: m, second: 0, millisecond: 0 }).toMillis();
}

const dateOf = (ms: number, cal: WorkCalendar): string => localDateAt(ms, cal.timeZone);

/** The calendar date after an ISO date, by plain Gregorian arithmetic (no zone involved). */
function nextDate(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The calendar date before an ISO date. */
function previousDate(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/**
 * The instant `workingMs` of working time after `from`; a clock started outside
 * business hours starts at the next opening.
 * @example addWorkingTime(fri1730, 27 * HOUR, nineToSixMonToFri) // → Wednesday 17:30
 */
export function addWorkingTime(from: number, workingMs: number, cal: WorkCalendar): number {
  let remaining = workingMs;
  let day = dateOf(from, cal);
  for (let i = 0; i < MAX_DAYS; i++, day = nextDate(day)) {
    for (const [start, end] of workingSpansOn(day, cal)) {
      if (end <= from) continue;
      const begin = Math.max(start, from);
      if (remaining <= end - begin) return begin + remaining;
      remaining -= end - begin;
    }
  }
  throw new NoWorkingTimeError();
}

/**
 * Working time between two instants (0 when `to` is not after `from`).
 * @example workingTimeBetween(fri1730, mon1000, nineToSixMonToFri) === 1.5 * HOUR
 */
export function workingTimeBetween(from: number, to: number, cal: WorkCalendar): number {
  if (to <= from) return 0;
  let total = 0;
  const last = dateOf(to, cal);
  for (let day = dateOf(from, cal), i = 0; day <= last && i < MAX_DAYS; day = nextDate(day), i++) {
    for (const [start, end] of workingSpansOn(day, cal)) {
      total += Math.max(0, Math.min(end, to) - Math.max(start, from));
    }
  }
  return total;
}

/**
 * Whether an instant lies inside business hours (span ends included). A span that ends at 24:00
 * ends at the next day's 00:00, so midnight is also looked for among the day before's spans.
 * @example isWorkingTime(mon1000, nineToSixMonToFri) // → true
 */
export function isWorkingTime(at: number, cal: WorkCalendar): boolean {
  const day = dateOf(at, cal);
  const inside = ([start, end]: readonly [number, number]) => at >= start && at <= end;
  return workingSpansOn(day, cal).some(inside) || workingSpansOn(previousDate(day), cal).some(([, end]) => at === end);
}

/**
 * The length of a standard working day: the most common non-empty weekday length.
 * "3 working days" is three of these in working time (Fri 17:30 + 3 days of 9 h = Wed 17:30).
 */
export function standardWorkingDayMs(cal: WorkCalendar): number {
  const index = indexOf(cal);
  index.standardDayMs ??= mostCommonDayMs(cal);
  return index.standardDayMs;
}

function mostCommonDayMs(cal: WorkCalendar): number {
  const lengths = WEEKDAYS.map((d) => cal.week[d].reduce((sum, [s, e]) => sum + minutesOf(e) - minutesOf(s), 0)).filter((l) => l > 0);
  const counts = new Map<number, number>();
  for (const l of lengths) counts.set(l, (counts.get(l) ?? 0) + 1);
  const [best] = [...counts.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0]);
  return (best?.[0] ?? 0) * 60_000;
}

const minutesOf = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
};

/** A policy duration as a clock and a length. */
export function targetLength(duration: PolicyDuration, cal: WorkCalendar): { working: boolean; ms: number } {
  const { amount, unit } = duration;
  switch (unit) {
    case 'minutes':
      return { working: false, ms: amount * 60_000 };
    case 'hours':
      return { working: false, ms: amount * 3_600_000 };
    case 'days':
      return { working: false, ms: amount * 86_400_000 };
    case 'workingHours':
      return { working: true, ms: amount * 3_600_000 };
    case 'workingDays':
      return { working: true, ms: amount * standardWorkingDayMs(cal) };
  }
}

/** When a target that starts at `start` falls due. */
export function dueAt(start: number, duration: PolicyDuration, cal: WorkCalendar): number {
  const { working, ms } = targetLength(duration, cal);
  return working ? addWorkingTime(start, ms, cal) : start + ms;
}

/** How much of a target's clock has run between two instants. */
export function elapsedOn(duration: PolicyDuration, from: number, to: number, cal: WorkCalendar): number {
  return targetLength(duration, cal).working ? workingTimeBetween(from, to, cal) : Math.max(0, to - from);
}
