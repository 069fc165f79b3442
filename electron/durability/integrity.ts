import fs from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { verdictOf } from '../store/sqliteFile';
import { sideFilesOf } from './files';

/** How to open a raw connection: Electron needs its own build of the native module (see electron/main/main.ts). */
export interface RawOptions {
  nativeBinding?: string;
  busyTimeoutMs?: number;
}

/** A read-only connection to an existing file: it never writes the main file or the -wal, and never checkpoints on close. */
export function openReadOnly(file: string, options: RawOptions = {}): BetterSqlite3.Database {
  return new BetterSqlite3(file, {
    readonly: true,
    fileMustExist: true,
    timeout: options.busyTimeoutMs ?? 10_000,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
}

export type FileHealth =
  | { state: 'absent' }
  /** No main file, but a -wal left behind: it must not be replayed into a new, unrelated database. */
  | { state: 'orphanLog' }
  | { state: 'ok' }
  | { state: 'corrupt'; detail: string };

/**
 * SQLite's own verdicts that a file is damaged or not a database at all.
 * Everything else (permissions, a lock held too long, an I/O error on a flaky
 * share) says nothing about the file, so it is reported, not acted on.
 */
export function isCorruption(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT'));
}

/**
 * The -wal and -shm as they were before a read-only look. A read-only
 * connection never writes the main file or the -wal, but it may create an
 * empty -wal and a -shm, and it records its read marks in the -shm (SQLite's
 * shared-memory index, rebuilt from the -wal, holding no data of its own).
 */
interface SideFilesBefore {
  walExisted: boolean;
  /** The -shm's bytes; null when there was none, 'large' when too big to keep (then it is left as SQLite leaves it). */
  shm: Buffer | null | 'large';
}

/** A -shm is 32 KiB per ~4,000 pages of log: 16 MiB covers any log this app makes. */
const SHM_KEEP_LIMIT = 16 * 1024 * 1024;

function noteSideFiles(file: string): SideFilesBefore {
  const { wal, shm } = sideFilesOf(file);
  const shmSize = fs.existsSync(shm) ? fs.statSync(shm).size : null;
  return {
    walExisted: fs.existsSync(wal),
    shm: shmSize === null ? null : shmSize > SHM_KEEP_LIMIT ? 'large' : fs.readFileSync(shm),
  };
}

/** Puts the -wal/-shm back as noteSideFiles found them; only for files no other connection has open. */
function putBackSideFiles(file: string, before: SideFilesBefore): void {
  const { wal, shm } = sideFilesOf(file);
  // A read-only connection cannot write log frames: a -wal it created is empty.
  if (!before.walExisted && fs.existsSync(wal) && fs.statSync(wal).size === 0) fs.rmSync(wal, { force: true });
  if (before.shm === null) fs.rmSync(shm, { force: true });
  else if (before.shm !== 'large' && fs.existsSync(shm) && !fs.readFileSync(shm).equals(before.shm)) fs.writeFileSync(shm, before.shm);
}

/**
 * SQLite's quick check (or the full one) on a read-only connection, so that
 * checking a damaged file cannot change it; when it is found damaged, its
 * -wal/-shm are put back exactly as they were, so that what is moved aside is
 * what was found. The quick check skips only the index-against-table
 * comparison and is several times faster: what a start-up check needs.
 */
export function checkFile(file: string, options: RawOptions = {}, depth: 'quick' | 'full' = 'quick'): FileHealth {
  if (!fs.existsSync(file)) {
    const { wal } = sideFilesOf(file);
    return fs.existsSync(wal) && fs.statSync(wal).size > 0 ? { state: 'orphanLog' } : { state: 'absent' };
  }
  // A zero-byte file is how SQLite itself starts a new database.
  if (fs.statSync(file).size === 0) return { state: 'ok' };
  const before = noteSideFiles(file);
  let health: FileHealth;
  let sqlite: BetterSqlite3.Database | null = null;
  try {
    sqlite = openReadOnly(file, options);
    const verdict = verdictOf(sqlite, depth);
    health = verdict.length === 1 && verdict[0] === 'ok' ? { state: 'ok' } : { state: 'corrupt', detail: verdict.slice(0, 5).join('; ') };
  } catch (error) {
    if (!isCorruption(error)) throw error;
    health = { state: 'corrupt', detail: (error as Error).message };
  } finally {
    sqlite?.close();
  }
  if (health.state === 'corrupt') putBackSideFiles(file, before);
  return health;
}

/**
 * Runs `work` on a read-only connection to a file that is not the live
 * database (a backup, a file to restore), then leaves its -wal/-shm as they
 * were: looking at a file should leave its folder as it was.
 */
export async function withReadOnly<T>(file: string, options: RawOptions, work: (sqlite: BetterSqlite3.Database) => T | Promise<T>): Promise<T> {
  const before = noteSideFiles(file);
  const sqlite = openReadOnly(file, options);
  try {
    return await work(sqlite);
  } finally {
    sqlite.close();
    putBackSideFiles(file, before);
  }
}
