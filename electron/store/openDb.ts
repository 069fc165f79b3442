import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { ensurePrivateFolder } from './privateFolder';
import { migrateToLatest } from './migrate';
import { MIGRATIONS } from './migrations';
import type { Database } from './schema';

export interface Store {
  db: Kysely<Database>;
  /** The raw connection, for pragmas, backups and integrity checks only. */
  sqlite: BetterSqlite3.Database;
  file: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Path to a better_sqlite3.node built for the running ABI (Electron's differs from Node's). */
  nativeBinding?: string;
  /** How long a write waits for another process holding the lock before failing. */
  busyTimeoutMs?: number;
}

/**
 * How long a click's write waits for the lock once the app serves requests.
 * Start-up (migrations, back-fills) waits the default 10 s; a click waits at
 * most this and is then answered `store_busy`, which the renderer retries
 * with the click's own instant: a frozen desk is worse than a retry.
 */
export const REQUEST_BUSY_TIMEOUT_MS = 100;

/** Lowers the store's busy timeout for serving requests (see REQUEST_BUSY_TIMEOUT_MS). */
export function serveRequestsFrom(store: Store): Store {
  store.sqlite.pragma(`busy_timeout = ${REQUEST_BUSY_TIMEOUT_MS}`);
  return store;
}

/** The file was written by a newer Hotline Log: opening it here could damage it. */
export class DatabaseFromFutureError extends Error {
  constructor(readonly unknownMigrations: string[]) {
    super(
      `This database was written by a newer version of Hotline Log (it has schema changes ${unknownMigrations.join(', ')} that this version does not know). Update the app to open it; the file was left untouched.`,
    );
    this.name = 'DatabaseFromFutureError';
  }
}

/** Opens (creating if needed) and migrates the database at `file`. */
export async function openStore(file: string, options: OpenOptions = {}): Promise<Store> {
  // A new database's folder is private too (0700); ensurePrivateFolder also avoids Node 20's endless recursive mkdir under /proc.
  ensurePrivateFolder(path.dirname(path.resolve(file)));
  const sqlite = new BetterSqlite3(file, {
    timeout: options.busyTimeoutMs ?? 10_000,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  try {
    applyPragmas(sqlite);
    restrictToOwner(file);
    refuseFutureSchema(sqlite);
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
    connections.set(db, sqlite);
    // All pending migrations in one transaction: a failure leaves the file as it was.
    await migrateToLatest(db, MIGRATIONS);
    return { db, sqlite, file, close: () => db.destroy() };
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

/** The raw connection behind each store's kysely instance (kysely keeps its own private). */
const connections = new WeakMap<Kysely<Database>, BetterSqlite3.Database>();

/**
 * The better-sqlite3 connection a store's kysely instance runs on, for bulk
 * writes that would spend more compiling a query object per row than SQLite
 * spends inserting it (the archive import). Use it only inside a callback that
 * holds kysely's connection (inWriteTransaction), so nothing interleaves.
 */
export function rawConnectionOf(db: Kysely<Database>): BetterSqlite3.Database {
  const sqlite = connections.get(db);
  if (!sqlite) throw new Error('This database was not opened by openStore.');
  return sqlite;
}

function applyPragmas(sqlite: BetterSqlite3.Database): void {
  // WAL: readers never block the one writer, and a commit is one sequential append.
  sqlite.pragma('journal_mode = WAL');
  // FULL, not WAL's usual NORMAL: with NORMAL the last commits can roll back on a
  // power cut or OS crash, and a click the desk showed as saved must survive that.
  // The cost is one fsync per commit, which a person clicking never notices.
  sqlite.pragma('synchronous = FULL');
  if (process.platform === 'darwin') sqlite.pragma('fullfsync = ON');
  sqlite.pragma('foreign_keys = ON');
}

/** Customer data is for this user alone (mode 0600); Windows ACLs already scope app data per user. */
function restrictToOwner(file: string): void {
  if (process.platform === 'win32') return;
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    if (fs.existsSync(f)) fs.chmodSync(f, 0o600);
  }
}

// --- Schema version check. Exported for electron/durability/restore.ts, which
// refuses a backup from a newer version with the same rule before putting it in place.
export function refuseFutureSchema(sqlite: BetterSqlite3.Database): void {
  const hasTable = sqlite
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'kysely_migration'")
    .get();
  if (!hasTable) return;
  const applied = sqlite.prepare('SELECT name FROM kysely_migration').pluck().all() as string[];
  const unknown = applied.filter((name) => !(name in MIGRATIONS));
  if (unknown.length > 0) throw new DatabaseFromFutureError(unknown);
}
