import path from 'node:path';
import { openStore, type OpenOptions, type Store } from '../store/openDb';
import { resolveBackupDir } from './backupDir';
import { moveAside, type Moved } from './files';
import { checkFile } from './integrity';
import { newestGoodBackup, restoreBackup, type Restored } from './restore';

/** What start-up found wrong with the database file, and where the files went. */
export interface MovedAside {
  /** corrupt: SQLite found damage or not a database at all; orphanLog: a -wal without its main file. */
  problem: 'corrupt' | 'orphanLog';
  /** SQLite's own words. */
  detail: string;
  files: Moved[];
}

export interface SafeOpen {
  store: Store;
  backupDir: string;
  /** Present when the file could not be used: it was kept under another name and a fresh database was created. */
  movedAside?: MovedAside;
  /** When something was moved aside: the newest backup that passed its check, to offer for restore. */
  newestBackup?: string;
}

export interface SafeOpenOptions extends OpenOptions {
  /** Where the automatic backups are (default: resolveBackupDir, the admin's choice included). */
  backupDir?: string;
  now?: () => number;
}

/**
 * Opens the database the way the desktop app and browser mode start: first a
 * quick integrity check on a read-only connection; a damaged file (or one that
 * is not a database) is never written to or overwritten, but renamed with its
 * -wal and -shm to `<name>.corrupt-<stamp>`; then openStore creates or opens
 * the database as usual. The caller says what happened and may offer
 * `newestBackup` (restoreAndReopen). A file that cannot be opened for other
 * reasons (permissions, locked, from a newer version) is left alone and the
 * error is thrown as it is.
 */
export async function openStoreSafely(file: string, options: SafeOpenOptions = {}): Promise<SafeOpen> {
  const dbFile = path.resolve(file);
  const now = options.now ?? Date.now;
  const backupDir = options.backupDir ?? resolveBackupDir(dbFile).dir;
  const health = checkFile(dbFile, options);
  let movedAside: MovedAside | undefined;
  if (health.state === 'corrupt') {
    movedAside = { problem: 'corrupt', detail: health.detail, files: moveAside(dbFile, 'corrupt', now()) };
  } else if (health.state === 'orphanLog') {
    movedAside = { problem: 'orphanLog', detail: 'a write-ahead log (-wal) without its database file', files: moveAside(dbFile, 'orphan', now()) };
  }
  const store = await openStore(dbFile, options);
  if (!movedAside) return { store, backupDir };
  const newestBackup = await newestGoodBackup(backupDir, dbFile, options);
  return { store, backupDir, movedAside, ...(newestBackup ? { newestBackup } : {}) };
}

/**
 * Closes `store`, restores `backup` in its place (the database it replaces is
 * kept aside) and opens the result. When the restore is refused, the same
 * database is opened again and the reason returned: the app always has a store.
 */
export async function restoreAndReopen(
  store: Store,
  backup: string,
  options: OpenOptions = {},
): Promise<{ store: Store; restored?: Restored; error?: Error }> {
  await store.close();
  try {
    const restored = await restoreBackup(backup, store.file, options);
    return { store: await openStore(store.file, options), restored };
  } catch (error) {
    return { store: await openStore(store.file, options), error: error instanceof Error ? error : new Error(String(error)) };
  }
}
