import { describe, expect, it } from 'vitest';
import { backupMoment, backupName, type BackupEntry } from '../../../electron/durability/backupFiles';
import { localCalendar, planRotation } from '../../../electron/durability/rotation';

const DB = '/data/hotline.db';
/** A backup at a local date and hour (the calendar the rotation counts in). */
const at = (y: number, m: number, d: number, h = 21): BackupEntry => {
  const ms = new Date(y, m - 1, d, h).getTime();
  return { name: backupName(DB, ms), at: ms };
};
const names = (entries: BackupEntry[]) => entries.map((e) => e.name);

describe('backup names', () => {
  it('carry their moment and are recognised only for their own database', () => {
    const ms = Date.UTC(2024, 4, 20, 6, 15, 0, 123);
    expect(backupName(DB, ms)).toBe('hotline-2024-05-20T06-15-00-123Z.db');
    expect(backupMoment(DB, 'hotline-2024-05-20T06-15-00-123Z.db')).toBe(ms);
    expect(backupMoment(DB, 'other-2024-05-20T06-15-00-123Z.db')).toBeNull();
    expect(backupMoment(DB, 'hotline-2024-05-20T06-15-00-123Z.db.partial-12')).toBeNull();
    expect(backupMoment(DB, 'hotline-2024-13-40T06-15-00-123Z.db')).toBeNull();
    expect(backupMoment(DB, 'hotline-latest.db')).toBeNull();
  });
});

describe('planRotation (7 daily, 4 weekly)', () => {
  // Every four hours from Monday 1 April 2024 to Friday 10 May 2024.
  const series: BackupEntry[] = [];
  for (let day = new Date(2024, 3, 1); day <= new Date(2024, 4, 10); day = new Date(day.getFullYear(), day.getMonth(), day.getDate() + 1)) {
    for (const h of [1, 5, 9, 13, 17, 21]) series.push(at(day.getFullYear(), day.getMonth() + 1, day.getDate(), h));
  }
  const expected = [
    // The newest of each of the last 7 days…
    ...[10, 9, 8, 7, 6, 5, 4].map((d) => at(2024, 5, d)),
    // …and of each of the last 4 weeks: this week and the week of 29 April are already in; then Sundays 28 and 21 April.
    at(2024, 4, 28),
    at(2024, 4, 21),
  ];

  it('keeps exactly the newest of each of the last 7 days and 4 weeks', () => {
    const { keep, remove } = planRotation(series);
    expect(names(keep)).toEqual(names(expected));
    expect(keep.length + remove.length).toBe(series.length);
  });

  it('ends with the same files when it runs after every backup, as the app does', () => {
    let folder: BackupEntry[] = [];
    let most = 0;
    for (const backup of series) {
      folder = planRotation([...folder, backup]).keep;
      most = Math.max(most, folder.length);
    }
    expect(names(folder)).toEqual(names(expected));
    expect(most).toBeLessThanOrEqual(11);
  });

  it('counts days that have a backup, so a month switched off does not wipe the older ones', () => {
    const before = [at(2024, 3, 1), at(2024, 3, 2), at(2024, 3, 3)];
    const after = at(2024, 4, 15, 9);
    expect(names(planRotation([...before, after]).keep)).toEqual(names([after, ...before.reverse()]));
  });

  it('always keeps the newest, whatever the policy', () => {
    expect(names(planRotation(series, { daily: 0, weekly: 0 }).keep)).toEqual([series.at(-1)!.name]);
    expect(planRotation([]).keep).toEqual([]);
  });

  it('puts Sunday in the week that began on Monday', () => {
    const sunday = new Date(2024, 4, 19, 12).getTime();
    const monday = new Date(2024, 4, 20, 12).getTime();
    expect(localCalendar.week(sunday)).toBe('2024-05-13');
    expect(localCalendar.week(monday)).toBe('2024-05-20');
    expect(localCalendar.day(sunday)).toBe('2024-05-19');
  });
});
