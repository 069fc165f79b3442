import { DateTime } from 'luxon';

/**
 * A zone's UTC offset at an instant, memoised. Luxon asks Intl for every
 * offset (formatToParts, some microseconds each); an import or an export asks
 * for several per record, and the working calendar for every day it walks.
 * A zone changes its offset a few times a year at most, never twice within a
 * day: when the offsets at two UTC midnights agree, the day between has that
 * offset throughout; a day with a change is looked at per quarter hour (no
 * zone changes twice within one). Pure: the cache only holds what Luxon answered.
 */

const DAY_MS = 86_400_000;
const QUARTER_MS = 15 * 60_000;
/** Offsets kept per zone (a few years of midnights, a few hundred changing days); past that the cache starts afresh. */
const MAX_ENTRIES = 100_000;

interface ZoneCache {
  /** Offset at UTC midnight of day n (days since 1970). */
  midnights: Map<number, number>;
  /** Offset at the start of quarter hour n, on days with a change. */
  quarters: Map<number, number>;
}
const caches = new Map<string, ZoneCache>();
let lastZone: string | undefined;
let lastCache: ZoneCache | undefined;

/**
 * The zone's offset from UTC in minutes at `ms`, exactly as Luxon gives it.
 * @example offsetMinutesAt(Date.UTC(2024, 4, 20), 'Asia/Shanghai') === 480
 */
export function offsetMinutesAt(ms: number, zone: string): number {
  // Most calls ask about the zone asked about last (each imported row brings its own copy of the name).
  let cache = zone === lastZone ? lastCache : caches.get(zone);
  if (!cache) caches.set(zone, (cache = { midnights: new Map(), quarters: new Map() }));
  lastZone = zone;
  lastCache = cache;
  if (cache.midnights.size + cache.quarters.size > MAX_ENTRIES) {
    cache.midnights.clear();
    cache.quarters.clear();
  }
  const day = Math.floor(ms / DAY_MS);
  const dayOffset = cached(cache.midnights, day, DAY_MS, zone);
  if (dayOffset === cached(cache.midnights, day + 1, DAY_MS, zone)) return dayOffset;
  const quarter = Math.floor(ms / QUARTER_MS);
  const quarterOffset = cached(cache.quarters, quarter, QUARTER_MS, zone);
  if (quarterOffset === cached(cache.quarters, quarter + 1, QUARTER_MS, zone)) return quarterOffset;
  return DateTime.fromMillis(ms, { zone }).offset;
}

/** The offset at the start of unit n (n × unitMs), from the cache or Luxon. */
function cached(byUnit: Map<number, number>, n: number, unitMs: number, zone: string): number {
  let offset = byUnit.get(n);
  if (offset === undefined) {
    offset = DateTime.fromMillis(n * unitMs, { zone }).offset;
    byUnit.set(n, offset);
  }
  return offset;
}

/**
 * The local date 'YYYY-MM-DD' of an instant in a zone (Luxon's toISODate, through the cached offset).
 * @example localDateAt(Date.UTC(2024, 4, 20, 18), 'Asia/Shanghai') === '2024-05-21'
 */
export function localDateAt(ms: number, zone: string): string {
  return new Date(ms + offsetMinutesAt(ms, zone) * 60_000).toISOString().slice(0, 10);
}
