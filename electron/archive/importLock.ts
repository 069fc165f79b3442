import fs from 'node:fs';
import os from 'node:os';

/** Another process (the app, browser mode or `hotline import`) is writing an import into the same database. */
export class ImportLockedError extends Error {
  constructor(
    readonly holder: string,
    readonly lockFile: string,
  ) {
    super(`Another import into this database is running (${holder}); wait for it to finish, then import again. If none is running, delete ${lockFile}.`);
    this.name = 'ImportLockedError';
  }
}

/** `<database>.import-lock`: beside the file, so every process that opens it finds the same one. */
export const importLockOf = (dbFile: string): string => `${dbFile}.import-lock`;

/**
 * Runs `write` holding the database's import lock: one import at a time per
 * database across processes, the CLI included (within one process the Import
 * card already takes one at a time). The lock is a file created exclusively,
 * naming its host, process and the machine's boot time. A lock left by a process
 * that is gone (killed, a power cut) is taken over; what its import wrote is
 * an unpublished batch, hidden, which the next import removes first. After a reboot a process id is soon used again, so a
 * lock from an earlier boot is gone whatever its process id now names.
 */
export async function withImportLock<T>(dbFile: string, write: () => Promise<T>): Promise<T> {
  const lock = importLockOf(dbFile);
  take(lock);
  try {
    return await write();
  } finally {
    fs.rmSync(lock, { force: true });
  }
}

function take(lock: string, retried = false): void {
  const me = `${os.hostname()}:${process.pid}:${bootMinute()}`;
  // Written whole under another name, then linked in place (link fails when the lock exists): a
  // process killed between creating the lock and writing its holder would leave an empty lock
  // that names nobody, and so could never be taken over.
  const mine = `${lock}.${process.pid}-${Date.now()}`;
  fs.writeFileSync(mine, me, { mode: 0o600 });
  try {
    linkOrCreate(mine, lock, me);
    return;
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'EEXIST') throw error;
  } finally {
    fs.rmSync(mine, { force: true });
  }
  const holder = readHolder(lock);
  if (!retried && holder !== null && isGone(holder)) {
    fs.rmSync(lock, { force: true });
    take(lock, true);
    return;
  }
  throw new ImportLockedError(holder === null ? 'unknown process' : `process ${holder}`, lock);
}

function readHolder(lock: string): string | null {
  try {
    return fs.readFileSync(lock, 'utf8').trim() || null;
  } catch {
    return null;
  }
}

/** A holder on this machine whose process no longer exists. One on another machine (a shared folder) is never taken over. */
function isGone(holder: string): boolean {
  const [host, pidText, bootText] = holder.split(':');
  const pid = Number(pidText);
  if (host !== os.hostname() || !Number.isInteger(pid) || pid <= 0) return false;
  // Taken before this machine last started (a minute's leeway: uptime is read a little apart).
  if (bootText !== undefined && Math.abs(Number(bootText) - bootMinute()) > 1) return true;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as { code?: unknown }).code === 'ESRCH';
  }
}

/** The minute this machine started, as epoch minutes: the same for every process of one boot. */
function bootMinute(): number {
  return Math.round((Date.now() - os.uptime() * 1000) / 60_000);
}

/** Links `from` in as `to`; where the file system has no hard links (FAT, some shares), creates `to` exclusively instead. */
function linkOrCreate(from: string, to: string, text: string): void {
  try {
    fs.linkSync(from, to);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EOPNOTSUPP') throw error;
    fs.writeFileSync(to, text, { flag: 'wx', mode: 0o600 });
  }
}
