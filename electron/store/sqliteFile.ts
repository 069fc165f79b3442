import type BetterSqlite3 from 'better-sqlite3';

/**
 * The statements about a SQLite file as a whole rather than its tables: the
 * backup's read snapshot, the integrity verdicts, the probes a restore makes,
 * the page cache and journal of a connection. electron/durability opens the
 * connections and decides what to do with the answers; the SQL is here.
 * SQLite-only, all of it: a team server on PostgreSQL is backed up, checked and
 * restored by PostgreSQL's own tools.
 */

/**
 * Starts a read transaction and reads once, so that it holds a snapshot: a
 * backup copied through this connection is the database as it was now,
 * whatever other connections write meanwhile (a bare BEGIN takes no snapshot
 * until the first read).
 * SQLite-only: a read transaction on a raw connection.
 */
export function holdReadSnapshot(sqlite: BetterSqlite3.Database): void {
  sqlite.exec('BEGIN');
  sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
}

/**
 * Ends the snapshot holdReadSnapshot took, if it is still held, so that the connection can close cleanly.
 * SQLite-only: see holdReadSnapshot.
 */
export function releaseReadSnapshot(sqlite: BetterSqlite3.Database): void {
  if (sqlite.inTransaction) sqlite.exec('COMMIT');
}

/**
 * SQLite's own verdict on the file: ['ok'], or the first problems it found.
 * 'quick' (quick_check) skips only comparing indexes with their tables and is
 * several times faster, which is what a start-up or a fresh backup needs;
 * 'full' (integrity_check) is for a file about to replace the database.
 * SQLite-only: the quick_check and integrity_check pragmas.
 */
export function verdictOf(sqlite: BetterSqlite3.Database, depth: 'quick' | 'full'): string[] {
  return sqlite.prepare(depth === 'quick' ? 'PRAGMA quick_check' : 'PRAGMA integrity_check').pluck().all() as string[];
}

/**
 * Whether the file has Hotline Log's schema history: a SQLite file without it is some other program's database.
 * SQLite-only: sqlite_master.
 */
export function hasMigrations(sqlite: BetterSqlite3.Database): boolean {
  return sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'kysely_migration'").get() !== undefined;
}

/**
 * Whether this connection could take the file's exclusive lock, which SQLite
 * grants only when no other connection has it open: a restore must not replace
 * a database a running app still writes. false when another holds it (the
 * connection should have no busy timeout); any other error is thrown.
 * SQLite-only: the locking_mode pragma and BEGIN EXCLUSIVE.
 */
export function canLockExclusively(sqlite: BetterSqlite3.Database): boolean {
  try {
    sqlite.pragma('locking_mode = EXCLUSIVE');
    sqlite.exec('BEGIN EXCLUSIVE');
    sqlite.exec('ROLLBACK');
    return true;
  } catch (error) {
    if (isBusy(error)) return false;
    throw error;
  }
}

/** Whether SQLite refused because another connection holds a lock (SQLITE_BUSY and its extended codes). */
export function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

/**
 * Makes a copy one self-contained file (a rollback journal, no -wal beside it), as a backup file must be.
 * SQLite-only: the journal_mode pragma.
 */
export function useRollbackJournal(sqlite: BetterSqlite3.Database): void {
  sqlite.pragma('journal_mode = DELETE');
}

/**
 * Gives the connection a page cache of `kib` KiB for a bulk write (an import's
 * hundred thousand rows touch eight indexes of calls); returns the function
 * that puts the connection's own size back, for a connection the app goes on using.
 * SQLite-only: the cache_size pragma.
 */
export function widenPageCache(sqlite: BetterSqlite3.Database, kib: number): () => void {
  const own = sqlite.pragma('cache_size', { simple: true }) as number;
  sqlite.pragma(`cache_size = -${kib}`);
  return () => sqlite.pragma(`cache_size = ${Number(own)}`);
}

/**
 * Turns off the fsync per commit for a disposable bulk load (the demo: a power
 * cut midway leaves a half-filled demo file, run the demo again); returns the
 * function that puts the connection's own setting back, before anyone logs a
 * real call on it (openDb's FULL).
 * SQLite-only: the synchronous pragma.
 */
export function skipSyncForBulkLoad(sqlite: BetterSqlite3.Database): () => void {
  const own = sqlite.pragma('synchronous', { simple: true }) as number;
  sqlite.pragma('synchronous = OFF');
  return () => sqlite.pragma(`synchronous = ${Number(own)}`);
}

/**
 * Folds the write-ahead log into the file, so that the file is whole on its own (to copy, or to measure).
 * SQLite-only: the wal_checkpoint pragma.
 */
export function foldWal(sqlite: BetterSqlite3.Database): void {
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
}
