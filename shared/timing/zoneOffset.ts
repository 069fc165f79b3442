import { DateTime } from 'luxon';

/**
 * A zone's UTC offset at an instant, memoised per quarter hour. Luxon asks
 * Intl for every offset (formatToParts, some microseconds each); an import or
 * an export asks for several per record, and the working calendar for every
 * day it walks. Pure: the cache only ever holds what Luxon answered.
 */

const BUCKET_MS = 15 * 60_000;
/** About three years of quarter hours per zone; past that the cache starts afresh. */
const MAX_BUCKETS = 100_000;
const offsets = new Map<string, Map<number, number>>();
let lastZone: string | undefined;
let lastOffsets: Map<number, number> | undefined;

/**
 * The zone's offset from UTC in minutes at `ms`, exactly as Luxon gives it.
 * @example offsetMinutesAt(Date.UTC(2024, 4, 20), 'Asia/Shanghai') === 480
 */
export function offsetMinutesAt(ms: number, zone: string): number {
  // Most calls ask about the zone asked about last (each imported row brings its own copy of the name).
  let byBucket = zone === lastZone ? lastOffsets : offsets.get(zone);
  if (!byBucket) offsets.set(zone, (byBucket = new Map()));
  lastZone = zone;
  lastOffsets = byBucket;
  if (byBucket.size > MAX_BUCKETS) byBucket.clear();
  const bucket = Math.floor(ms / BUCKET_MS);
  const startOffset = cachedOffset(byBucket, bucket, zone);
  // A zone changes its offset at most once within a quarter hour: equal ends mean no change inside.
  if (startOffset === cachedOffset(byBucket, bucket + 1, zone)) return startOffset;
  return DateTime.fromMillis(ms, { zone }).offset;
}

function cachedOffset(byBucket: Map<number, number>, bucket: number, zone: string): number {
  let offset = byBucket.get(bucket);
  if (offset === undefined) {
    offset = DateTime.fromMillis(bucket * BUCKET_MS, { zone }).offset;
    byBucket.set(bucket, offset);
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
