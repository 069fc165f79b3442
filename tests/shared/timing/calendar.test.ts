import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../../shared/policy/defaults';
import type { WorkCalendar } from '../../../shared/policy/schema';
import { addWorkingTime, dueAt, isWorkingTime, standardWorkingDayMs, workingTimeBetween } from '../../../shared/timing/calendar';

const HOUR = 3_600_000;
const at = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toMillis();
const local = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");

/** Shanghai with the 2024 National Day holidays and their make-up days (调休: Sun 29 Sep, Sat 12 Oct). */
const shanghai: WorkCalendar = {
  ...defaultPolicy('Asia/Shanghai').calendar,
  holidays: ['2024-10-01', '2024-10-02', '2024-10-03', '2024-10-04', '2024-10-07'],
  makeUpDays: ['2024-09-29', '2024-10-12'],
};
const newYork = defaultPolicy('America/New_York').calendar;
const berlin = defaultPolicy('Europe/Berlin').calendar;
/** Round-the-clock weekend hours, to cross DST changes inside a working period. */
const allWeekend = (zone: string): WorkCalendar => ({ ...defaultPolicy(zone).calendar, week: { ...defaultPolicy(zone).calendar.week, sat: [['00:00', '24:00']], sun: [['00:00', '24:00']] } });

describe('addWorkingTime and dueAt', () => {
  it.each([
    ['a general call at Friday 17:30 is due Wednesday 17:30 (3 working days)', shanghai, '2024-05-24T17:30', { amount: 3, unit: 'workingDays' }, '2024-05-29T17:30'],
    ['a call on Saturday starts its working clock at Monday 09:00', shanghai, '2024-05-25T10:00', { amount: 1, unit: 'workingHours' }, '2024-05-27T10:00'],
    ['a call before opening starts at 09:00', shanghai, '2024-05-21T07:12', { amount: 30, unit: 'minutes' }, '2024-05-21T07:42'],
    ['working minutes before opening start at 09:00', shanghai, '2024-05-21T07:12', { amount: 0.5, unit: 'workingHours' }, '2024-05-21T09:30'],
    ['a make-up Sunday (调休) is worked', shanghai, '2024-09-27T17:00', { amount: 1, unit: 'workingDays' }, '2024-09-29T17:00'],
    ['the National Day holidays are skipped', shanghai, '2024-09-30T17:00', { amount: 1, unit: 'workingDays' }, '2024-10-08T17:00'],
    ['a wall-clock target ignores the calendar', shanghai, '2024-09-30T17:00', { amount: 24, unit: 'hours' }, '2024-10-01T17:00'],
    ['New York: across the spring-forward weekend', newYork, '2024-03-08T17:00', { amount: 2, unit: 'workingHours' }, '2024-03-11T10:00'],
    ['New York: a wall-clock hour across the gap', newYork, '2024-03-10T01:30', { amount: 1, unit: 'hours' }, '2024-03-10T03:30'],
    ['Berlin: across the fall-back weekend', berlin, '2024-10-25T16:00', { amount: 1, unit: 'workingDays' }, '2024-10-28T16:00'],
    ['Berlin: a working night that is an hour longer', allWeekend('Europe/Berlin'), '2024-10-27T00:00', { amount: 3, unit: 'workingHours' }, '2024-10-27T02:00'],
  ] as const)('%s', (_name, cal, start, duration, expected) => {
    expect(local(dueAt(at(start, cal.timeZone), duration, cal), cal.timeZone)).toBe(expected);
  });

  it('takes a standard working day from the week: Mon–Fri 09:00–18:00 is 9 hours', () => {
    expect(standardWorkingDayMs(shanghai)).toBe(9 * HOUR);
  });
});

describe('workingTimeBetween', () => {
  it.each([
    ['Friday 17:30 to Monday 10:00', shanghai, '2024-05-24T17:30', '2024-05-27T10:00', 1.5 * HOUR],
    ['over a whole holiday week', shanghai, '2024-09-30T18:00', '2024-10-08T09:00', 0],
    ['inside one day', shanghai, '2024-05-21T10:00', '2024-05-21T12:15', 2.25 * HOUR],
    ['a New York Sunday with the clocks going forward', allWeekend('America/New_York'), '2024-03-10T00:00', '2024-03-10T06:00', 5 * HOUR],
    ['a Berlin Sunday with the clocks going back', allWeekend('Europe/Berlin'), '2024-10-27T00:00', '2024-10-27T06:00', 7 * HOUR],
  ] as const)('%s', (_name, cal, from, to, expected) => {
    expect(workingTimeBetween(at(from, cal.timeZone), at(to, cal.timeZone), cal)).toBe(expected);
  });

  it('is 0 when the end is not after the start', () => {
    expect(workingTimeBetween(at('2024-05-21T12:00', 'Asia/Shanghai'), at('2024-05-21T10:00', 'Asia/Shanghai'), shanghai)).toBe(0);
  });
});

describe('properties of the working-time arithmetic', () => {
  const calendars = [shanghai, newYork, berlin, allWeekend('America/New_York')];
  const instant = fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2026, 11, 31) });
  const duration = fc.integer({ min: 0, max: 30 * 9 * 60 }).map((m) => m * 60_000);
  const calendar = fc.constantFrom(...calendars);

  it('adding then measuring gives back the duration', () => {
    fc.assert(
      fc.property(calendar, instant, duration, (cal, t, d) => workingTimeBetween(t, addWorkingTime(t, d, cal), cal) === d),
      { numRuns: 300 },
    );
  });

  it('is monotonic in both arguments', () => {
    fc.assert(
      fc.property(calendar, instant, fc.integer({ min: 0, max: 60 * 86_400_000 }), duration, duration, (cal, ta, gap, d1, d2) => {
        const tb = ta + gap;
        const [da, db] = d1 <= d2 ? [d1, d2] : [d2, d1];
        return (
          addWorkingTime(ta, da, cal) <= addWorkingTime(ta, db, cal) &&
          addWorkingTime(ta, da, cal) <= addWorkingTime(tb, da, cal) &&
          workingTimeBetween(ta, tb, cal) <= workingTimeBetween(ta, tb + db, cal) &&
          workingTimeBetween(tb, tb + db, cal) <= workingTimeBetween(ta, tb + db, cal)
        );
      }),
      { numRuns: 300 },
    );
  });

  it('counts the end of a span that runs to 24:00 as working time (00:00 of the next day)', () => {
    // The case fast-check once found: a weekend worked round the clock, 48 working hours from Friday 19:00 end on Monday 00:00.
    const cal = allWeekend('America/New_York');
    const end = addWorkingTime(at('2025-05-09T19:00', 'America/New_York'), 48 * HOUR, cal);
    expect(local(end, 'America/New_York')).toBe('2025-05-12T00:00');
    expect(isWorkingTime(end, cal)).toBe(true);
    expect(isWorkingTime(end + 60_000, cal)).toBe(false);
  });

  it('never lands outside working time', () => {
    fc.assert(
      fc.property(calendar, instant, duration, (cal, t, d) => isWorkingTime(addWorkingTime(t, d, cal), cal)),
      { numRuns: 300 },
    );
  });
});
