import { DateTime } from 'luxon';
import { Weighted, type Rng } from './random';

/**
 * When the demo's calls come in: D days ending on `until`, calls only between
 * 08:00 and 21:00 local, busiest around 10:00 and 14:30–16:00, fewer at weekends.
 */

/** The 26 half-hours from 08:00 to 21:00 and their relative call volumes (morning and afternoon peaks, a lunch dip). */
export const HALF_HOUR_WEIGHTS = [2, 3, 5, 7, 9, 9, 7, 5, 3, 3, 4, 5, 6, 8, 9, 9, 8, 6, 5, 4, 3, 2, 2, 2, 1, 1] as const;
export const FIRST_HOUR = 8;
export const LAST_HOUR = 21;
/** A weekend day gets this share of a weekday's calls. */
export const WEEKEND_SHARE = 0.45;

const HALF_HOUR_MS = 30 * 60_000;

export interface DemoDay {
  /** Local date, YYYY-MM-DD. */
  date: string;
  weekend: boolean;
  /** Start of each half-hour slot as an instant, computed in the zone (DST-proof). */
  slots: number[];
}

/** Whether `text` is a real calendar date written YYYY-MM-DD. */
export function isIsoDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && DateTime.fromISO(text, { zone: 'UTC' }).isValid;
}

/** Yesterday's local date in `zone`, the default last day. */
export function yesterdayIn(zone: string, now: number): string {
  return DateTime.fromMillis(now, { zone }).minus({ days: 1 }).toISODate()!;
}

/** The `count` days ending on `until` (included), oldest first. */
export function demoDays(until: string, count: number, zone: string): DemoDay[] {
  const last = DateTime.fromISO(until, { zone });
  const days: DemoDay[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const day = last.minus({ days: i });
    const slots = HALF_HOUR_WEIGHTS.map((_, k) => {
      const hour = FIRST_HOUR + Math.floor(k / 2);
      return day.set({ hour, minute: (k % 2) * 30, second: 0, millisecond: 0 }).toMillis();
    });
    days.push({ date: day.toISODate()!, weekend: day.weekday >= 6, slots });
  }
  return days;
}

/** The instant the demo is judged at: 08:00 local on the day after `until`, before its first call could come in. */
export function anchorEnd(until: string, zone: string): number {
  return DateTime.fromISO(until, { zone }).plus({ days: 1 }).set({ hour: FIRST_HOUR }).toMillis();
}

/** 00:00 local on the first day: when the demo desk and its people are created. */
export function anchorStart(days: readonly DemoDay[], zone: string): number {
  return DateTime.fromISO(days[0]!.date, { zone }).toMillis();
}

/**
 * Splits `total` calls over the days: weekdays full weight, weekends WEEKEND_SHARE,
 * each day ±15 % of noise, rounded by largest remainder so the counts add up to exactly `total`.
 */
export function callsPerDay(days: readonly DemoDay[], total: number, rng: Rng): number[] {
  const weights = days.map((d) => (d.weekend ? WEEKEND_SHARE : 1) * rng.between(0.85, 1.15));
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w / sum) * total);
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of byRemainder) {
    if (left-- <= 0) break;
    counts[i]!++;
  }
  return counts;
}

const SLOTS = new Weighted(HALF_HOUR_WEIGHTS.map((w, k) => [k, w] as const));

/** `count` call times on one day, in order, to the second. */
export function callTimesOn(day: DemoDay, count: number, rng: Rng): number[] {
  const times = new Array<number>(count);
  for (let i = 0; i < count; i++) {
    times[i] = day.slots[SLOTS.draw(rng)]! + Math.floor(rng.next() * (HALF_HOUR_MS / 1000)) * 1000;
  }
  return times.sort((a, b) => a - b);
}

/** The local hour of a call time on its day, read off the day's half-hour slots (no zone math per call). */
export function hourOn(day: DemoDay, at: number): number {
  let k = day.slots.length - 1;
  while (k > 0 && day.slots[k]! > at) k--;
  return FIRST_HOUR + Math.floor(k / 2);
}
