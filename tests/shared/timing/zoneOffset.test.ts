import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { localDateAt, offsetMinutesAt } from '../../../shared/timing/zoneOffset';

/** Zones with daylight saving at 02:00 and at midnight, half-hour and 45-minute offsets, half-hour DST, and a skipped day. */
const ZONES = ['Asia/Shanghai', 'America/New_York', 'Europe/Berlin', 'America/Sao_Paulo', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Pacific/Apia', 'America/Santiago'];
const FROM = Date.UTC(1990, 0, 1);
const TO = Date.UTC(2035, 0, 1);

const luxon = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone });

describe('cached zone offsets', () => {
  it('agree with Luxon at any instant', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.integer({ min: FROM, max: TO }), (zone, ms) => {
        expect(offsetMinutesAt(ms, zone)).toBe(luxon(ms, zone).offset);
        expect(localDateAt(ms, zone)).toBe(luxon(ms, zone).toISODate());
      }),
      { numRuns: 3000 },
    );
  });

  it('agree with Luxon all around the changes of a year', () => {
    for (const zone of ZONES) {
      // Every transition of 2011 (Apia skipped 30 December that year) and 2024, the day it falls on walked five minutes at a time.
      for (const year of [2011, 2024]) {
        for (let day = Date.UTC(year, 0, 1); day < Date.UTC(year + 1, 0, 1); day += 86_400_000) {
          if (luxon(day, zone).offset === luxon(day + 86_400_000, zone).offset) continue;
          for (let m = day - 60_000; m <= day + 86_460_000; m += 5 * 60_000) {
            expect(offsetMinutesAt(m, zone)).toBe(luxon(m, zone).offset);
            expect(localDateAt(m, zone)).toBe(luxon(m, zone).toISODate());
          }
        }
      }
    }
  });
});
