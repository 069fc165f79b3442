import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { DatabaseFromFutureError, refuseFutureSchema } from '../store/openDb';
import { canLockExclusively, hasMigrations, isBusy, verdictOf } from '../store/sqliteFile';
import { writeBackup } from './backup';
import { listBackups } from './backupFiles';
import { fileStamp, fsyncFolder, moveAside, type Moved } from './files';
import { withReadOnly, type RawOptions } from './integrity';

export type BackupVerdict = { ok: true } | { ok: false; reason: string };

/**
 * Whether `file` can stand in for the database: it opens, SQLite's full
 * integrity check says ok, it has Hotline Log's schema history, and none of
 * its migrations is unknown to this version (the same rule as openStore's
 * DatabaseFromFutureError). Looking never changes the file.
 */
export async function checkBackup(file: string, options: RawOptions = {}): Promise<BackupVerdict> {
  if (!fs.existsSync(file)) return { ok: false, reason: `there is no file ${file}` };
  if (!fs.statSync(file).isFile()) return { ok: false, reason: `${file} is not a file` };
  if (fs.statSync(file).size === 0) return { ok: false, reason: `${file} is empty` };
  try {
    return await withReadOnly(file, options, (sqlite): BackupVerdict => {
      const verdict = verdictOf(sqlite, 'full');
      if (verdict.length !== 1 || verdict[0] !== 'ok') return { ok: false, reason: `it fails SQLite's integrity check (${verdict.slice(0, 3).join('; ')})` };
      if (!hasMigrations(sqlite)) {
        return { ok: false, reason: 'it is a SQLite file but not a Hotline Log database (it has no schema history)' };
      }
      refuseFutureSchema(sqlite);
      return { ok: true };
    });
  } catch (error) {
    if (error instanceof DatabaseFromFutureError) return { ok: false, reason: error.message };
    return { ok: false, reason: `it cannot be read as a database (${error instanceof Error ? error.message : String(error)})` };
  }
}

/** The newest automatic backup of `dbFile` in `dir` that passes checkBackup, or undefined. */
export async function newestGoodBackup(dir: string, dbFile: string, options: RawOptions = {}): Promise<string | undefined> {
  for (const { name } of listBackups(dir, dbFile)) {
    const file = path.join(dir, name);
    if ((await checkBackup(file, options)).ok) return file;
  }
  return undefined;
}

/** The restore did not happen, and nothing was changed. */
export class RestoreRefusedError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'RestoreRefusedError';
  }
}

export interface Restored {
  from: string;
  into: string;
  /** Where the database it replaced went (with its -wal/-shm); empty when there was none. */
  keptAside: Moved[];
}

/**
 * Puts the backup `from` in place of the database `into`: checks the backup,
 * makes sure no other program has the database open, copies the backup next
 * to it (through the backup API, so a -wal beside the backup is included),
 * renames the current database and its -wal/-shm to
 * `<name>.before-restore-<stamp>` — kept, never deleted — and moves the copy
 * into place. Any refusal leaves every file as it was.
 */
export async function restoreBackup(from: string, into: string, options: RawOptions & { now?: number } = {}): Promise<Restored> {
  const source = path.resolve(from);
  const target = path.resolve(into);
  if (source === target) throw new RestoreRefusedError('The backup is the database itself.');
  const verdict = await checkBackup(source, options);
  if (!verdict.ok) throw new RestoreRefusedError(`${source} was not restored: ${verdict.reason}. Nothing was changed.`);
  refuseIfInUse(target, options);

  const now = options.now ?? Date.now();
  const incoming = `${target}.restoring-${fileStamp(now)}`;
  await withReadOnly(source, options, (sqlite) => writeBackup(sqlite, incoming, options));
  let keptAside: Moved[] = [];
  try {
    keptAside = moveAside(target, 'before-restore', now);
    fs.renameSync(incoming, target);
    fsyncFolder(path.dirname(target));
  } catch (error) {
    // Put back what was moved, so that a failed restore changes nothing.
    for (const { from: was, to: movedTo } of [...keptAside].reverse()) if (!fs.existsSync(was)) fs.renameSync(movedTo, was);
    fs.rmSync(incoming, { force: true });
    throw error;
  }
  return { from: source, into: target, keptAside };
}

/**
 * Replacing a database under a running app would leave that app writing to the
 * kept-aside file. An exclusive lock is only granted when no other connection
 * (the desktop app, browser mode, another command) has the file open.
 */
function refuseIfInUse(file: string, options: RawOptions): void {
  if (!fs.existsSync(file)) return;
  let probe: BetterSqlite3.Database | null = null;
  let inUse = false;
  try {
    probe = new BetterSqlite3(file, { fileMustExist: true, timeout: 0, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
    inUse = !canLockExclusively(probe);
  } catch (error) {
    inUse = isBusy(error);
    // A damaged file cannot be in use; restoring over it (it is kept aside) is the point.
  } finally {
    try {
      probe?.close();
    } catch {
      // Closing a connection to a damaged file may fail; it held no lock worth keeping.
    }
  }
  if (inUse) throw new RestoreRefusedError(`${file} is in use. Close the Hotline Log app, browser mode and any other hotline command using it, then restore again. Nothing was changed.`);
}
