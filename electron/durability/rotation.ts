import type { BackupEntry } from './backupFiles';

/** How many backups to keep: the newest of each of the last `daily` days and of the last `weekly` weeks that have one. */
export interface RotationPolicy {
  daily: number;
  weekly: number;
}

export const DEFAULT_ROTATION: RotationPolicy = { daily: 7, weekly: 4 };

/** Which day and which week an instant falls in; any string that is equal within a bucket and differs between buckets. */
export interface Calendar {
  day(ms: number): string;
  week(ms: number): string;
}

const ymd = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/** Days and weeks (Monday to Sunday) as this computer's clock shows them. */
export const localCalendar: Calendar = {
  day: (ms) => ymd(new Date(ms)),
  week: (ms) => {
    const d = new Date(ms);
    const sinceMonday = (d.getDay() + 6) % 7;
    return ymd(new Date(d.getFullYear(), d.getMonth(), d.getDate() - sinceMonday));
  },
};

/**
 * Which backups to keep and which to delete, the way restic's --keep-daily and
 * --keep-weekly count: going from the newest back, the newest backup of each
 * of the last `daily` days *that have a backup* is kept, and likewise per
 * week. Counting days that have one, not calendar days, means a desk that was
 * switched off for a month still keeps its older backups instead of losing
 * them all to the first backup after the break. The newest backup is always kept.
 * @example planRotation(hourlyFor30Days).keep.length === 10 // 7 days + 3 older weeks
 */
export function planRotation(
  backups: ReadonlyArray<BackupEntry>,
  policy: RotationPolicy = DEFAULT_ROTATION,
  calendar: Calendar = localCalendar,
): { keep: BackupEntry[]; remove: BackupEntry[] } {
  const newestFirst = [...backups].sort((a, b) => b.at - a.at || b.name.localeCompare(a.name));
  const kept = new Set<BackupEntry>(newestFirst.slice(0, 1));
  const rules: Array<[number, (ms: number) => string]> = [
    [policy.daily, calendar.day],
    [policy.weekly, calendar.week],
  ];
  for (const [count, bucketOf] of rules) {
    let last: string | null = null;
    let taken = 0;
    for (const entry of newestFirst) {
      if (taken >= count) break;
      const bucket = bucketOf(entry.at);
      if (bucket === last) continue;
      kept.add(entry);
      last = bucket;
      taken++;
    }
  }
  return { keep: newestFirst.filter((e) => kept.has(e)), remove: newestFirst.filter((e) => !kept.has(e)) };
}
