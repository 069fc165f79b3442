import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BackupTargetExistsError, backupIntoFolder, writeBackup } from '../../../electron/durability/backup';
import { backupName, defaultBackupDir, listBackups } from '../../../electron/durability/backupFiles';
import { scheduleBackups, type BackupOutcome } from '../../../electron/durability/schedule';
import { dispatch } from '../../../electron/handlers/dispatch';
import { openStore } from '../../../electron/store/openDb';
import { tempDir } from '../../helpers/tempStore';
import { count, deskWithCalls } from './fixtures';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
function folder(): string {
  const tmp = tempDir('hotline-backup-');
  cleanups.push(tmp.remove);
  return tmp.dir;
}
const DAY = 86_400_000;
const posix = process.platform !== 'win32';

describe('writeBackup (SQLite online backup)', () => {
  it('makes a consistent copy while another connection keeps logging calls', async () => {
    const dir = folder();
    const file = path.join(dir, 'hotline.db');
    await deskWithCalls(file, 3);
    const reader = await openStore(file);
    // Enough pages that the copy takes many steps, with the other writer's commits in between.
    reader.sqlite.exec("CREATE TABLE ballast (b BLOB); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400) INSERT INTO ballast SELECT randomblob(8000) FROM n;");
    const writer = await openStore(file);
    const ctx = { db: writer.db, now: () => Date.now(), session: { userId: 1 } };
    let writing = true;
    let written = 0;
    const writes = (async () => {
      while (writing) {
        const result = await dispatch('startCall', {}, ctx);
        if (!result.ok) throw new Error(result.error.message);
        written++;
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    let restarts = 0;
    const dest = path.join(dir, 'copy.db');
    await writeBackup(reader.sqlite, dest, { pagesPerStep: 20, onRestart: () => restarts++ });
    writing = false;
    await writes;
    await writer.close();
    await reader.close();

    expect(written).toBeGreaterThan(0);
    // One snapshot, copied in many small steps: the other connection's commits never made it start again.
    expect(restarts).toBe(0);
    const copy = await openStore(dest);
    expect(copy.sqlite.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok');
    // startCall takes a serial and inserts the record in one transaction: a torn copy would disagree.
    const calls = copy.sqlite.prepare('SELECT count(*) FROM calls').pluck().get() as number;
    expect(copy.sqlite.prepare('SELECT sum(last_serial) FROM daily_serials').pluck().get()).toBe(calls);
    expect(calls).toBeGreaterThanOrEqual(3);
    expect(calls).toBeLessThanOrEqual(3 + written);
    await copy.close();
  }, 30_000);

  it('writes one self-contained file (no -wal beside it), mode 0600 in a new folder of mode 0700, and never replaces a file', async () => {
    const dir = folder();
    const file = path.join(dir, 'hotline.db');
    await deskWithCalls(file, 2);
    const store = await openStore(file);
    const dest = path.join(dir, 'out', 'copy.db');
    await writeBackup(store.sqlite, dest);
    expect(fs.readdirSync(path.dirname(dest))).toEqual(['copy.db']);
    if (posix) expect(fs.statSync(dest).mode & 0o777).toBe(0o600);
    if (posix) expect(fs.statSync(path.dirname(dest)).mode & 0o777).toBe(0o700);
    expect(count(dest, 'calls')).toBe(2);
    const before = fs.readFileSync(dest);
    await expect(writeBackup(store.sqlite, dest)).rejects.toBeInstanceOf(BackupTargetExistsError);
    expect(fs.readFileSync(dest).equals(before)).toBe(true);
    await store.close();
  });
});

describe('backups into the backup folder', () => {
  it('default to "backups" beside the database, or HOTLINE_BACKUP_DIR', () => {
    expect(defaultBackupDir('/data/Hotline Log/hotline.db', {})).toBe(path.resolve('/data/Hotline Log/backups'));
    expect(defaultBackupDir('/data/hotline.db', { HOTLINE_BACKUP_DIR: '/mnt/safe' })).toBe(path.resolve('/mnt/safe'));
  });

  it('rotate away old automatic backups only, never other files in the folder', async () => {
    const dir = folder();
    const file = path.join(dir, 'hotline.db');
    const backups = path.join(dir, 'backups');
    await deskWithCalls(file, 1);
    const now = new Date(2024, 4, 20, 12).getTime();
    fs.mkdirSync(backups);
    const old = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((d) => backupName(file, now - d * DAY));
    for (const name of old) fs.writeFileSync(path.join(backups, name), 'an older backup');
    const foreign = ['notes.txt', backupName(path.join(dir, 'other.db'), now - 20 * DAY), 'hotline-manual.db'];
    for (const name of foreign) fs.writeFileSync(path.join(backups, name), 'not ours');

    const store = await openStore(file);
    const made = await backupIntoFolder(store.sqlite, { dbFile: file, dir: backups, now });
    await store.close();
    // 2024-05-20 is a Monday. Daily: the 20th back to the 14th. Weekly: the newest of the weeks
    // starting the 20th (the 20th), the 13th (Sunday the 19th) and the 6th (the 12th; the 11th is older).
    const kept = listBackups(backups, file).map((b) => b.name);
    expect(kept).toEqual([path.basename(made.file), ...[1, 2, 3, 4, 5, 6, 8].map((d) => backupName(file, now - d * DAY))]);
    expect(made.removed.map((f) => path.basename(f)).sort()).toEqual([7, 9].map((d) => backupName(file, now - d * DAY)).sort());
    for (const name of foreign) expect(fs.existsSync(path.join(backups, name))).toBe(true);
    expect(made.removed.every((f) => old.includes(path.basename(f)))).toBe(true);
  });

  it('run at start and then on the timer, until stopped', async () => {
    const dir = folder();
    const file = path.join(dir, 'hotline.db');
    await deskWithCalls(file, 1);
    const store = await openStore(file);
    let day = 0;
    const outcomes: BackupOutcome[] = [];
    const schedule = scheduleBackups({ store, dir: path.join(dir, 'backups'), everyMs: 40, now: () => Date.UTC(2024, 4, 1 + day++, 12), report: (o) => outcomes.push(o) });
    await schedule.idle();
    expect(outcomes).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await schedule.stop();
    const made = outcomes.length;
    expect(made).toBeGreaterThan(1);
    expect(outcomes.every((o) => o.ok)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(outcomes).toHaveLength(made);
    await store.close();
  });

  it('after a damaged database was set aside, wait for the timer and rotate nothing away', async () => {
    const dir = folder();
    const file = path.join(dir, 'hotline.db');
    const backups = path.join(dir, 'backups');
    await deskWithCalls(file, 1);
    const noon = new Date(2024, 4, 20, 12).getTime();
    fs.mkdirSync(backups);
    const earlierToday = backupName(file, noon - 3 * 3_600_000);
    fs.writeFileSync(path.join(backups, earlierToday), 'the good backup of the damaged database');
    const store = await openStore(file);
    const outcomes: BackupOutcome[] = [];
    const schedule = scheduleBackups({ store, dir: backups, everyMs: 30, keepExisting: true, now: () => noon, report: (o) => outcomes.push(o) });
    await schedule.idle();
    expect(outcomes).toEqual([]);
    await expect.poll(() => outcomes.length).toBeGreaterThan(0);
    await schedule.stop();
    expect(outcomes.every((o) => o.ok && o.backup.removed.length === 0)).toBe(true);
    expect(fs.existsSync(path.join(backups, earlierToday))).toBe(true);
    await store.close();
  });
});
