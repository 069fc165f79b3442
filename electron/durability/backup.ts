import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { removeBatchChunk, unpublishedBatches } from '../store/importBatches';
import { backupName, leftoverPartials, listBackups } from './backupFiles';
import { createPrivateFile, ensurePrivateFolder, fsyncFile, fsyncFolder, sideFilesOf } from './files';
import type { RawOptions } from './integrity';
import { DEFAULT_ROTATION, localCalendar, planRotation, type Calendar, type RotationPolicy } from './rotation';

/** The file asked for already exists: a backup never replaces a file. */
export class BackupTargetExistsError extends Error {
  constructor(readonly file: string) {
    super(`${file} already exists; a backup never replaces a file. Choose another name.`);
    this.name = 'BackupTargetExistsError';
  }
}

/** The copy was made but did not pass its own check; it was deleted and no older backup was rotated away. */
export class BackupCheckFailedError extends Error {
  constructor(detail: string) {
    super(`The backup copy failed its integrity check (${detail}); it was discarded and the older backups were kept.`);
    this.name = 'BackupCheckFailedError';
  }
}

/** Pages copied per step: 4096 pages of 4 KiB is 16 MiB, a few tens of milliseconds, between which the app keeps serving. */
const PAGES_PER_STEP = 4096;

/**
 * Copies the live database behind `sqlite` into `dest` through SQLite's online
 * backup API, never as a file copy: a file copy of a database being written
 * can catch half a transaction, or the main file without the commits still in
 * its -wal. The backup API reads a consistent snapshot; if another process
 * writes between two steps it starts again, so when that happens the rest is
 * copied in one step. The copy is switched to a rollback journal (one
 * self-contained file, no -wal beside it), checked with quick_check, flushed,
 * and only then given its final name, with mode 0600.
 */
export interface BackupOptions extends RawOptions {
  /** Pages per step (default 4096); tests use small steps to let other writers in between. */
  pagesPerStep?: number;
  /** Told each time another connection's write made the copy start again. */
  onRestart?: () => void;
}

export async function writeBackup(sqlite: BetterSqlite3.Database, dest: string, options: BackupOptions = {}): Promise<{ file: string; bytes: number }> {
  if (fs.existsSync(dest)) throw new BackupTargetExistsError(dest);
  const partial = `${dest}.partial-${process.pid}`;
  ensurePrivateFolder(path.dirname(dest));
  createPrivateFile(partial);
  try {
    let remaining = Infinity;
    await sqlite.backup(partial, {
      progress: ({ remainingPages }) => {
        const restarted = remainingPages > remaining;
        remaining = remainingPages;
        if (restarted) options.onRestart?.();
        return restarted ? 0x7fffffff : (options.pagesPerStep ?? PAGES_PER_STEP);
      },
    });
    sealCopy(partial, options);
    fsyncFile(partial);
    if (fs.existsSync(dest)) throw new BackupTargetExistsError(dest);
    fs.renameSync(partial, dest);
    fsyncFolder(path.dirname(dest));
    return { file: dest, bytes: fs.statSync(dest).size };
  } catch (error) {
    for (const f of [partial, ...Object.values(sideFilesOf(partial)), `${partial}-journal`]) fs.rmSync(f, { force: true });
    throw error;
  }
}

/**
 * An import still staging when the copy was made left hidden rows in it: they
 * are no record of the desk's yet, and a restore must not bring back half a
 * file. They go from the copy (nobody waits on it) in one transaction.
 */
function withoutStagedImports(copy: BetterSqlite3.Database): void {
  copy.transaction(() => {
    for (const id of unpublishedBatches(copy)) while (removeBatchChunk(copy, id, 50_000) > 0);
  })();
}

/** Turns the fresh copy into one self-contained file and checks it. */
function sealCopy(file: string, options: RawOptions): void {
  const copy = new BetterSqlite3(file, { fileMustExist: true, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
  try {
    copy.pragma('journal_mode = DELETE');
    withoutStagedImports(copy);
    const verdict = copy.prepare('PRAGMA quick_check').pluck().all() as string[];
    if (verdict.length !== 1 || verdict[0] !== 'ok') throw new BackupCheckFailedError(verdict.slice(0, 3).join('; '));
  } finally {
    copy.close();
  }
}

export interface FolderBackup {
  file: string;
  bytes: number;
  /** Older automatic backups deleted by the rotation. */
  removed: string[];
}

export interface FolderBackupOptions extends RawOptions {
  dbFile: string;
  dir: string;
  now: number;
  /** null: no rotation, every backup in the folder stays. */
  rotation?: RotationPolicy | null;
  calendar?: Calendar;
}

/**
 * One automatic backup into the backup folder, then the rotation (7 daily and
 * 4 weekly by default). The rotation runs only after the new copy passed its
 * check, so a bad copy never pushes a good one out.
 */
export async function backupIntoFolder(sqlite: BetterSqlite3.Database, options: FolderBackupOptions): Promise<FolderBackup> {
  const { dbFile, dir, now } = options;
  const made = await writeBackup(sqlite, path.join(dir, backupName(dbFile, now)), options);
  const { remove } =
    options.rotation === null ? { remove: [] } : planRotation(listBackups(dir, dbFile), options.rotation ?? DEFAULT_ROTATION, options.calendar ?? localCalendar);
  const removed: string[] = [];
  for (const { name } of remove) {
    const file = path.join(dir, name);
    if (file === made.file) continue;
    for (const f of [file, ...Object.values(sideFilesOf(file)), `${file}-journal`]) fs.rmSync(f, { force: true });
    removed.push(file);
  }
  for (const name of leftoverPartials(dir, dbFile)) fs.rmSync(path.join(dir, name), { force: true });
  return { ...made, removed };
}
