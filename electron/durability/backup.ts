import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { removeBatchChunk, unpublishedBatches } from '../store/importBatches';
import { requestsAnsweredSync } from '../store/requestGate';
import { holdReadSnapshot, releaseReadSnapshot, useRollbackJournal, verdictOf } from '../store/sqliteFile';
import { backupName, leftoverPartials, listBackups } from './backupFiles';
import { createPrivateFile, ensurePrivateFolder, fsyncFile, fsyncFolder, sideFilesOf } from './files';
import { openReadOnly, type RawOptions } from './integrity';
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

/**
 * Pages copied per step: 1024 pages of 4 KiB is 4 MiB. After each step the copy
 * so far is flushed to disk, and the backup waits for the requests being
 * answered: a click's commit (an fsync of the -wal) then never queues behind
 * hundreds of megabytes of the copy's writes on the same disk (issue 11).
 */
const PAGES_PER_STEP = 1024;
/** A breath between two steps, for the disk as much as for the lock. */
const STEP_PAUSE_MS = 2;

/**
 * Copies the live database behind `sqlite` into `dest` through SQLite's online
 * backup API, never as a file copy: a file copy of a database being written
 * can catch half a transaction, or the main file without the commits still in
 * its -wal. The copy reads from a connection of its own that holds one read
 * transaction throughout: one snapshot, the database as it was when the backup
 * began, which other connections' writes (the clicks meanwhile) do not make it
 * start again. (An in-memory database has no file for a second connection: it
 * is copied through `sqlite` itself, and if written between two steps the copy
 * starts again, the rest in one step.) The copy is switched to a rollback
 * journal (one self-contained file, no -wal beside it), checked with
 * quick_check, flushed, and only then given its final name, with mode 0600.
 */
export interface BackupOptions extends RawOptions {
  /** Pages per step (default 1024); tests use small steps to let other writers in between. */
  pagesPerStep?: number;
  /** Told each time another connection's write made the copy start again (an in-memory database's only). */
  onRestart?: () => void;
}

/** Sleeps the thread: a backup step's callback cannot await (a worker thread's, or the CLI's own). */
const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** A connection of its own to the database file, in a read transaction: the snapshot a backup copies. */
function snapshotOf(sqlite: BetterSqlite3.Database, options: RawOptions): BetterSqlite3.Database | null {
  if (sqlite.memory || sqlite.name === '') return null;
  const source = openReadOnly(sqlite.name, options);
  try {
    holdReadSnapshot(source);
    return source;
  } catch (error) {
    source.close();
    throw error;
  }
}

export async function writeBackup(sqlite: BetterSqlite3.Database, dest: string, options: BackupOptions = {}): Promise<{ file: string; bytes: number }> {
  if (fs.existsSync(dest)) throw new BackupTargetExistsError(dest);
  const partial = `${dest}.partial-${process.pid}`;
  ensurePrivateFolder(path.dirname(dest));
  createPrivateFile(partial);
  let snapshot: BetterSqlite3.Database | null = null;
  let flushed: number | null = null;
  try {
    snapshot = snapshotOf(sqlite, options);
    flushed = fs.openSync(partial, 'r+');
    const fd = flushed;
    let remaining = Infinity;
    await (snapshot ?? sqlite).backup(partial, {
      progress: ({ remainingPages }) => {
        const restarted = remainingPages > remaining;
        remaining = remainingPages;
        if (restarted) options.onRestart?.();
        if (restarted) return 0x7fffffff;
        fs.fdatasyncSync(fd);
        requestsAnsweredSync();
        pause(STEP_PAUSE_MS);
        return options.pagesPerStep ?? PAGES_PER_STEP;
      },
    });
    closeSnapshot(snapshot);
    snapshot = null;
    sealCopy(partial, options);
    fsyncFile(partial);
    if (fs.existsSync(dest)) throw new BackupTargetExistsError(dest);
    fs.renameSync(partial, dest);
    fsyncFolder(path.dirname(dest));
    return { file: dest, bytes: fs.statSync(dest).size };
  } catch (error) {
    try {
      closeSnapshot(snapshot);
    } catch {
      // Closing is best effort here: the copy's own error is the one to report.
    }
    for (const f of [partial, ...Object.values(sideFilesOf(partial)), `${partial}-journal`]) fs.rmSync(f, { force: true });
    throw error;
  } finally {
    if (flushed !== null) fs.closeSync(flushed);
  }
}

/** Ends the snapshot's read transaction and closes its connection; never throws over the error being handled. */
function closeSnapshot(snapshot: BetterSqlite3.Database | null): void {
  if (!snapshot?.open) return;
  try {
    releaseReadSnapshot(snapshot);
  } finally {
    snapshot.close();
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
    useRollbackJournal(copy);
    withoutStagedImports(copy);
    const verdict = verdictOf(copy, 'quick');
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
