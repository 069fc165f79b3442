import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BackupsView } from '../../../shared/api/backups';
import { BackupRunner } from '../../../electron/durability/backupControl';
import { besideDatabase, resolveBackupDir, settingsFileOf } from '../../../electron/durability/backupDir';
import { backupIntoFolder } from '../../../electron/durability/backup';
import { listBackups } from '../../../electron/durability/backupFiles';
import { openStoreSafely } from '../../../electron/durability/openSafely';
import type { BackupOutcome } from '../../../electron/durability/schedule';
import { openTestDesk, tempDir, type TestDesk } from '../../helpers/tempStore';

/**
 * Issue 6: "Backups … at start and every few hours, rotated, into a folder the
 * admin can choose." Through the real dispatcher, a real database file and a
 * real backup schedule built the way start-up builds it (resolveBackupDir,
 * then BackupRunner), with every backup a real file on disk.
 */

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A set-up desk (its admin signed in) in a temp folder, with nothing else in that folder. */
async function desk(): Promise<TestDesk> {
  const d = await openTestDesk();
  cleanups.push(() => d.close());
  return d;
}

/** What `hotline serve` / the desktop app do at start: where the backups go, then the schedule (a backup at once). */
async function startBackups(
  d: TestDesk,
  options: { env?: NodeJS.ProcessEnv; flag?: string; now?: () => number; everyMs?: number; written?: string[] } = {},
): Promise<BackupRunner> {
  const where = resolveBackupDir(d.file, { env: options.env ?? {}, flag: options.flag });
  const report = (outcome: BackupOutcome) => void (outcome.ok && options.written?.push(outcome.backup.file));
  const runner = new BackupRunner({ store: d.store, where, report, now: options.now ?? d.clock.now, ...(options.everyMs ? { everyMs: options.everyMs } : {}) }).start();
  cleanups.push(() => runner.stop());
  d.ctx.backups = runner;
  await runner.idle();
  return runner;
}

function folder(): string {
  const tmp = tempDir('hotline-chosen-');
  cleanups.push(tmp.remove);
  return tmp.dir;
}

/** Every file in `dir` with its bytes, to show nothing was moved, changed or deleted. */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(fs.readdirSync(dir).map((name) => [name, fs.readFileSync(path.join(dir, name)).toString('base64')]));
}

const backupNames = (dir: string, d: TestDesk) => listBackups(dir, d.file).map((b) => b.name);

/** The rotation keeps the newest backup per day: a day later, each backup stays. */
const DAY_MIN = 24 * 60;

describe('the admin chooses the backup folder', () => {
  it('sets a folder: a backup appears there at once, the settings file beside the database holds it, and the page lists it', async () => {
    const d = await desk();
    await startBackups(d);
    const beside = besideDatabase(d.file);
    expect(backupNames(beside, d)).toHaveLength(1);
    const chosen = path.join(folder(), 'nested', 'hotline backups');

    d.clock.advance(1);
    const view = await d.ok('setBackupDir', { dir: chosen });

    expect(view).toMatchObject({ dir: chosen, source: 'chosen' });
    const made = backupNames(chosen, d);
    expect(made).toHaveLength(1);
    expect(view.backups).toEqual([{ name: made[0], at: d.clock.ms, bytes: fs.statSync(path.join(chosen, made[0]!)).size }]);
    expect(view.backups[0]!.bytes).toBeGreaterThan(4096);
    expect(view.lastOutcome).toEqual({ at: d.clock.ms, ok: true, message: path.join(chosen, made[0]!) });
    expect(fs.statSync(chosen).mode & 0o777).toBe(0o700);

    const settings = settingsFileOf(d.file);
    expect(path.dirname(settings)).toBe(path.dirname(d.file));
    expect(JSON.parse(fs.readFileSync(settings, 'utf8'))).toEqual({ backupDir: chosen });
    expect(fs.statSync(settings).mode & 0o777).toBe(0o600);
    // Written through a temporary file that is gone again.
    expect(fs.readdirSync(path.dirname(d.file)).filter((n) => n.includes('.tmp-'))).toEqual([]);

    // The next backup ("Back up now") goes there too, newest first in the list.
    d.clock.advance(DAY_MIN);
    const after = await d.ok('backupNow', {});
    expect(after.backups.map((b) => b.at)).toEqual([d.clock.ms, d.clock.ms - DAY_MIN * 60_000]);
    expect(backupNames(beside, d)).toHaveLength(1);
  });

  it('the running schedule switches: its next timed backups go to the new folder', async () => {
    const d = await desk();
    const written: string[] = [];
    await startBackups(d, { now: Date.now, everyMs: 150, written });
    const chosen = folder();
    await d.ok('setBackupDir', { dir: chosen });
    const switched = written.length;
    // Two more from the timer, after the one made at the switch.
    await expect.poll(() => written.length - switched, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    expect(written.slice(switched - 1).map((f) => path.dirname(f))).toEqual(written.slice(switched - 1).map(() => chosen));
    expect(written.slice(0, switched - 1).map((f) => path.dirname(f))).toContain(besideDatabase(d.file));
  });

  it('a reopen built the way start-up does uses the chosen folder, and so does the restore offer of a damaged database', async () => {
    const d = await desk();
    const first = await startBackups(d);
    const chosen = folder();
    d.clock.advance(1);
    await d.ok('setBackupDir', { dir: chosen });
    await first.stop();

    // Next start: the folder comes from the settings file.
    expect(resolveBackupDir(d.file, { env: {} })).toEqual({ dir: chosen, source: 'chosen' });
    d.clock.advance(DAY_MIN);
    await startBackups(d);
    expect(backupNames(chosen, d)).toHaveLength(2);
    expect(await d.ok('getBackups', {})).toMatchObject({ dir: chosen, source: 'chosen' });
    await d.store.close();

    // The database is damaged: start-up looks for the newest good backup in the chosen folder (the settings file is not in the database).
    fs.writeFileSync(d.file, 'this is no longer a database '.repeat(200));
    for (const side of ['-wal', '-shm']) fs.rmSync(d.file + side, { force: true });
    const opened = await openStoreSafely(d.file);
    try {
      expect(opened.backupDir).toBe(chosen);
      expect(opened.movedAside?.problem).toBe('corrupt');
      expect(opened.newestBackup).toBe(path.join(chosen, backupNames(chosen, d)[0]!));
    } finally {
      await opened.store.close();
    }
  });

  it('null goes back to the default folder beside the database, with a backup there at once', async () => {
    const d = await desk();
    await startBackups(d);
    const chosen = folder();
    d.clock.advance(1);
    await d.ok('setBackupDir', { dir: chosen });
    d.clock.advance(DAY_MIN);

    const view = await d.ok('setBackupDir', { dir: null });

    const beside = besideDatabase(d.file);
    expect(view).toMatchObject({ dir: beside, source: 'default' });
    expect(view.backups.map((b) => b.at)).toEqual([d.clock.ms, d.clock.ms - (DAY_MIN + 1) * 60_000]);
    expect(JSON.parse(fs.readFileSync(settingsFileOf(d.file), 'utf8'))).toEqual({});
    expect(resolveBackupDir(d.file, { env: {} })).toEqual({ dir: beside, source: 'default' });
    expect(backupNames(chosen, d)).toHaveLength(1);
  });

  it('never moves or deletes the old folder’s backups, even ones the rotation would remove', async () => {
    const d = await desk();
    await startBackups(d);
    const beside = besideDatabase(d.file);
    // Twelve days of backups in the old folder, and someone else's file.
    for (let day = 1; day <= 12; day++) {
      await backupIntoFolder(d.store.sqlite, { dbFile: d.file, dir: beside, now: d.clock.ms - day * 86_400_000, rotation: null });
    }
    fs.writeFileSync(path.join(beside, 'notes.txt'), 'kept by the admin');
    const old = snapshot(beside);
    expect(Object.keys(old)).toHaveLength(14);

    const chosen = folder();
    for (let i = 0; i < 3; i++) {
      d.clock.advance(DAY_MIN);
      await d.ok(i === 0 ? 'setBackupDir' : 'backupNow', i === 0 ? { dir: chosen } : {});
    }

    expect(snapshot(beside)).toEqual(old);
    expect(backupNames(chosen, d)).toHaveLength(3);
  });
});

describe('refused folders and profiles', () => {
  async function refused(d: TestDesk, dir: string | null) {
    const r = await d.call('setBackupDir', { dir });
    if (r.ok) throw new Error(`accepted: ${JSON.stringify(r.value)}`);
    return r.error;
  }

  it('an agent may neither see nor change the backups', async () => {
    const d = await desk();
    await startBackups(d);
    const agent = await d.ok('saveUser', { name: '王芳', role: 'agent' });
    await d.ok('signIn', { userId: agent.id });
    const chosen = path.join(folder(), 'by-agent');
    for (const [method, request] of [
      ['setBackupDir', { dir: chosen }],
      ['getBackups', {}],
      ['backupNow', {}],
    ] as const) {
      const r = await d.call(method, request as never);
      expect(r.ok ? 'accepted' : r.error.code, method).toBe('forbidden');
    }
    expect(fs.existsSync(chosen)).toBe(false);
    expect(fs.existsSync(settingsFileOf(d.file))).toBe(false);
    expect(backupNames(besideDatabase(d.file), d)).toHaveLength(1);
  });

  it('a relative path, a file, the database’s own folder or files are refused next to the field; nothing is created or switched', async () => {
    const d = await desk();
    await startBackups(d);
    const base = folder();
    const file = path.join(base, 'a-file.txt');
    fs.writeFileSync(file, 'x');
    const relative = `relative-${path.basename(base)}`;
    const cases: Array<[string, string]> = [
      [relative, 'relative'],
      ['~/backups', 'relative'],
      ['   ', 'empty'],
      [file, 'notFolder'],
      [path.join(file, 'inside'), 'cannotCreate:ENOTDIR'],
      [path.dirname(d.file), 'databaseFolder'],
      [`${path.dirname(d.file)}${path.sep}`, 'databaseFolder'],
      [`${d.file}-journal`, 'databaseFile'],
      [`${d.file}-wal`, 'databaseFile'],
    ];
    for (const [dir, problem] of cases) {
      const error = await refused(d, dir);
      expect(error, dir).toMatchObject({ code: 'backup_dir_unusable', field: 'backupDir', problems: [problem] });
    }
    expect((await refused(d, relative)).message).toContain('not a full path');
    expect(fs.existsSync(path.resolve(relative))).toBe(false);
    expect(fs.existsSync(`${d.file}-journal`)).toBe(false);
    expect(fs.readFileSync(file, 'utf8')).toBe('x');
    expect(fs.existsSync(settingsFileOf(d.file))).toBe(false);
    expect(await d.ok('getBackups', {})).toMatchObject({ dir: besideDatabase(d.file), source: 'default' });
  });

  it('a folder fixed by HOTLINE_BACKUP_DIR or --backup-dir is refused with a message saying so', async () => {
    for (const fixed of ['env', 'flag'] as const) {
      const d = await desk();
      const pinned = folder();
      await startBackups(d, fixed === 'env' ? { env: { HOTLINE_BACKUP_DIR: pinned } } : { flag: pinned });
      expect(await d.ok('getBackups', {})).toMatchObject({ dir: pinned, source: fixed });
      const chosen = path.join(folder(), 'elsewhere');
      for (const dir of [chosen, null]) {
        const error = await refused(d, dir);
        expect(error).toMatchObject({ code: 'backup_dir_unusable', field: 'backupDir', problems: [fixed === 'env' ? 'fixedByEnv' : 'fixedByFlag'] });
        expect(error.message).toContain(fixed === 'env' ? 'HOTLINE_BACKUP_DIR' : '--backup-dir');
      }
      expect(fs.existsSync(chosen)).toBe(false);
      expect(fs.existsSync(settingsFileOf(d.file))).toBe(false);
      // Back up now still works, into the fixed folder.
      d.clock.advance(DAY_MIN);
      expect((await d.ok('backupNow', {})).backups).toHaveLength(2);
    }
  });

  it('the flag beats the env, which beats the settings file; a broken settings file means the default', async () => {
    const d = await desk();
    const chosen = folder();
    fs.writeFileSync(settingsFileOf(d.file), JSON.stringify({ backupDir: chosen }));
    expect(resolveBackupDir(d.file, { env: {} })).toEqual({ dir: chosen, source: 'chosen' });
    expect(resolveBackupDir(d.file, { env: { HOTLINE_BACKUP_DIR: '/srv/env' } })).toEqual({ dir: path.resolve('/srv/env'), source: 'env' });
    expect(resolveBackupDir(d.file, { env: { HOTLINE_BACKUP_DIR: '/srv/env' }, flag: '/srv/flag' })).toEqual({ dir: path.resolve('/srv/flag'), source: 'flag' });
    for (const broken of ['{"backupDir": "rel/ative"}', '{ half a file', '["/srv/x"]', '']) {
      fs.writeFileSync(settingsFileOf(d.file), broken);
      expect(resolveBackupDir(d.file, { env: {} }), broken).toEqual({ dir: besideDatabase(d.file), source: 'default' });
    }
  });

  it('without a running schedule (the CLI, a bare context) the requests are refused plainly', async () => {
    const d = await desk();
    const r = await d.call('getBackups', {});
    expect(r.ok ? 'accepted' : r.error).toMatchObject({ code: 'invalid_request', message: expect.stringContaining('hotline backup') });
  });
});

// Keeps the view's shape honest for the page: the newest first, at most twenty.
it('lists at most the newest 20 backups, newest first', async () => {
  const d = await desk();
  await startBackups(d);
  for (let i = 1; i <= 24; i++) {
    await backupIntoFolder(d.store.sqlite, { dbFile: d.file, dir: besideDatabase(d.file), now: d.clock.ms - i * 3_600_000, rotation: null });
  }
  const view: BackupsView = await d.ok('getBackups', {});
  expect(view.backups).toHaveLength(20);
  expect(view.backups[0]!.at).toBe(d.clock.ms);
  expect(view.backups.map((b) => b.at)).toEqual([...view.backups.map((b) => b.at)].sort((a, b) => b - a));
});
