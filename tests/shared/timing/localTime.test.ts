import { describe, expect, it } from 'vitest';
import { localDate, parseTypedTime } from '../../../shared/timing/localTime';
import { formatRecordNo, RECORD_NO_PATTERN } from '../../../shared/timing/recordNo';
import { formatElapsed, minutesBetween, overallScore } from '../../../shared/timing/durations';

const SH = 'Asia/Shanghai';
/** 2024-05-20 16:00 in Shanghai. */
const NOW = Date.UTC(2024, 4, 20, 8, 0);

describe('parseTypedTime reads a time off the phone display in the desk zone', () => {
  it('takes a bare HH:MM as today', () => {
    expect(parseTypedTime('14:15', SH, NOW, 'past')).toEqual({ ok: true, epochMs: Date.UTC(2024, 4, 20, 6, 15) });
  });

  it('accepts a full date, seconds, full-width digits and colon', () => {
    expect(parseTypedTime('2024-05-19 09:05:30', SH, NOW, 'past')).toEqual({ ok: true, epochMs: Date.UTC(2024, 4, 19, 1, 5, 30) });
    expect(parseTypedTime('１４：１５', SH, NOW, 'past')).toEqual({ ok: true, epochMs: Date.UTC(2024, 4, 20, 6, 15) });
  });

  it.each(['1415', '14.15', '14点15', '14点15分', '14时15分', '１４１５', '2024-05-20 1415'])('reads %s, typed in a hurry, as 14:15', (typed) => {
    expect(parseTypedTime(typed, SH, NOW, 'past')).toEqual({ ok: true, epochMs: Date.UTC(2024, 4, 20, 6, 15) });
  });

  it('reads 915 as 09:15 and 14点 as 14:00', () => {
    expect(parseTypedTime('915', SH, NOW, 'past')).toEqual({ ok: true, epochMs: Date.UTC(2024, 4, 20, 1, 15) });
    expect(parseTypedTime('14点', SH, NOW, 'past')).toEqual({ ok: true, epochMs: Date.UTC(2024, 4, 20, 6, 0) });
  });

  it('reads a bare time after "now" as yesterday for a moment that already happened', () => {
    const justAfterMidnight = Date.UTC(2024, 4, 19, 16, 5); // 00:05 on the 20th in Shanghai
    expect(parseTypedTime('23:58', SH, justAfterMidnight, 'past')).toEqual({ ok: true, epochMs: Date.UTC(2024, 4, 19, 15, 58) });
  });

  it('reads a bare time before "now" as tomorrow for a deadline', () => {
    expect(parseTypedTime('10:00', SH, NOW, 'future')).toEqual({ ok: true, epochMs: Date.UTC(2024, 4, 21, 2, 0) });
  });

  it.each([
    ['25:00', 'format'],
    ['2024-02-30 10:00', 'format'],
    ['yesterday', 'format'],
    ['2024-05-21 09:00', 'future'],
  ])('refuses %s (%s)', (typed, error) => {
    expect(parseTypedTime(typed, SH, NOW, 'past')).toEqual({ ok: false, error });
  });

  it('refuses a deadline that already passed', () => {
    expect(parseTypedTime('2024-05-20 09:00', SH, NOW, 'future')).toEqual({ ok: false, error: 'past' });
  });

  it('refuses a local time inside a DST gap', () => {
    const afterGap = Date.UTC(2024, 2, 10, 20, 0); // 2024-03-10 16:00 New York
    expect(parseTypedTime('2024-03-10 02:30', 'America/New_York', afterGap, 'past')).toEqual({ ok: false, error: 'nonexistent' });
    expect(parseTypedTime('2024-03-31 02:30', 'Europe/Berlin', Date.UTC(2024, 3, 1), 'past')).toEqual({ ok: false, error: 'nonexistent' });
  });

  it('takes the first of the two readings of a repeated (DST fall-back) hour', () => {
    const later = Date.UTC(2024, 10, 3, 12, 0);
    const parsed = parseTypedTime('2024-11-03 01:30', 'America/New_York', later, 'past');
    expect(parsed).toEqual({ ok: true, epochMs: Date.UTC(2024, 10, 3, 5, 30) });
  });
});

describe('record numbers and local dates', () => {
  it('follow the record sheet: CS + local date + 3-digit serial, a 4th digit past 999', () => {
    expect(formatRecordNo('2024-05-20', 1)).toBe('CS20240520001');
    expect(formatRecordNo('2024-05-20', 999)).toBe('CS20240520999');
    expect(formatRecordNo('2024-05-20', 1000)).toBe('CS202405201000');
    expect(RECORD_NO_PATTERN.test('CS202405201000')).toBe(true);
  });

  it('use the desk zone’s date, not UTC’s', () => {
    expect(localDate(Date.UTC(2024, 4, 19, 16, 30), SH)).toBe('2024-05-20');
    expect(localDate(Date.UTC(2024, 4, 19, 16, 30), 'America/New_York')).toBe('2024-05-19');
  });
});

describe('durations', () => {
  it('are minutes to one decimal, never negative', () => {
    expect(minutesBetween(0, 120_000)).toBe(2);
    expect(minutesBetween(0, 125_000)).toBe(2.1);
    expect(minutesBetween(60_000, 0)).toBe(0);
    expect(minutesBetween(0, null)).toBeNull();
  });

  it('format a running timer', () => {
    expect(formatElapsed(65_000)).toBe('1:05');
    expect(formatElapsed(3_725_000)).toBe('1:02:05');
  });

  it('average the given scores', () => {
    expect(overallScore([5, 4, null])).toBe(4.5);
    expect(overallScore([4, 4, 5])).toBe(4.3);
    expect(overallScore([null, null, null])).toBeNull();
  });
});
