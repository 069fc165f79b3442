import { IANAZone } from 'luxon';
import { offsetMinutesAt } from '../../shared/timing/zoneOffset';

/**
 * Spreadsheet date-times have no zone: a cell holds a wall-clock reading.
 * Records are written in their own zone's wall time (a Date whose UTC fields
 * are that reading, which is how exceljs turns a Date into an Excel serial),
 * and read back through the zone of the record.
 */

const zones = new Map<string, boolean>();

/** Whether a zone name is a known IANA zone (memoised: asked for every imported row). */
export function knownZone(zone: string): boolean {
  let known = zones.get(zone);
  if (known === undefined) zones.set(zone, (known = IANAZone.isValidZone(zone)));
  return known;
}
/**
 * A Date whose UTC fields read the local wall time of `ms` in `zone`.
 * @example wallClockDate(Date.UTC(2024, 4, 20, 6, 15), 'Asia/Shanghai').toISOString() === '2024-05-20T14:15:00.000Z'
 */
export function wallClockDate(ms: number, zone: string): Date {
  return new Date(ms + offsetMinutesAt(ms, zone) * 60_000);
}

/** A local date 'YYYY-MM-DD' as a Date at its UTC midnight (an Excel date without time). */
export function dateCell(localDate: string): Date {
  return new Date(`${localDate}T00:00:00Z`);
}

/**
 * 'YYYY-MM-DD HH:MM:SS' in the zone, with '.mmm' only when the instant has milliseconds,
 * so that a CSV round trip keeps every instant exactly.
 * @example wallClockText(Date.UTC(2024, 4, 20, 6, 15), 'Asia/Shanghai') === '2024-05-20 14:15:00'
 */
export function wallClockText(ms: number, zone: string): string {
  const iso = wallClockDate(ms, zone).toISOString();
  const millis = iso.slice(19, 23);
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${millis === '.000' ? '' : millis}`;
}

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

/** The wall-clock fields of a Date read as UTC (what a spreadsheet reader hands back). */
export function wallTimeOf(d: Date): WallTime {
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    millisecond: d.getUTCMilliseconds(),
  };
}

/** The local date 'YYYY-MM-DD' and hour of an instant in `zone` (cached offsets: an import asks for every row). */
export function localDateHour(ms: number, zone: string): { date: string; hour: number } {
  const wall = wallClockDate(ms, zone);
  return { date: wall.toISOString().slice(0, 10), hour: wall.getUTCHours() };
}

const HALF_DAY_MS = 12 * 3_600_000;

/**
 * The instant a wall-clock reading stands for in `zone`; null when the reading
 * does not exist there (a daylight-saving gap). In a repeated hour the earlier
 * reading is taken, as parseTypedTime does for typed times. The offsets half a
 * day either side give the only two candidates (zones change offset at most
 * once a day); a candidate counts when it reads back as the same wall time.
 * @example instantOf({ year: 2024, month: 5, day: 20, hour: 14, minute: 15, second: 0, millisecond: 0 }, 'Asia/Shanghai') === Date.UTC(2024, 4, 20, 6, 15)
 */
export function instantOf(wall: WallTime, zone: string): number | null {
  const w = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second, wall.millisecond);
  let best: number | null = null;
  for (const offset of [offsetMinutesAt(w - HALF_DAY_MS, zone), offsetMinutesAt(w + HALF_DAY_MS, zone)]) {
    const t = w - offset * 60_000;
    if (t + offsetMinutesAt(t, zone) * 60_000 === w && (best === null || t < best)) best = t;
  }
  return best;
}
