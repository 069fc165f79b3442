import { sql, type Kysely } from 'kysely';
import type { Database } from './schema';

/**
 * Runs `work` in a BEGIN IMMEDIATE transaction on the store's one connection.
 * IMMEDIATE takes the write lock up front: a deferred transaction that reads
 * first and writes later can fail with SQLITE_BUSY when another process
 * (a second window, the CLI, browser mode) committed in between, and the busy
 * timeout cannot save it; waiting for the lock at BEGIN can.
 */
export async function inWriteTransaction<T>(db: Kysely<Database>, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.connection().execute(async (conn) => {
    await sql`BEGIN IMMEDIATE`.execute(conn);
    try {
      const result = await work(conn);
      await sql`COMMIT`.execute(conn);
      return result;
    } catch (error) {
      // After a failed COMMIT (disk full, read-only folder) SQLite may already have rolled back.
      await sql`ROLLBACK`.execute(conn).catch(() => undefined);
      throw error;
    }
  });
}
