import { Migrator, sql, type Kysely, type Migration } from 'kysely';

/**
 * Brings the schema up to date in one write transaction: every pending
 * migration and its `kysely_migration` row commit together or not at all.
 *
 * Kysely runs migrations in a transaction only on dialects it marks as having
 * transactional DDL, and its SQLite adapter says it has none, so on its own a
 * migration that throws half-way (or a process killed during one) would leave
 * its first tables behind without its row, and the next start would fail on
 * them. SQLite's DDL is in fact transactional: here the migrator runs on the
 * one connection inside BEGIN IMMEDIATE (the write lock up front, so two
 * processes opening an old file migrate one after the other; the second finds
 * nothing left to do), and anything that fails rolls the file back to the
 * version and the data it had.
 *
 * A migration therefore must not use what SQLite refuses inside a transaction
 * (VACUUM, `PRAGMA foreign_keys`, `PRAGMA journal_mode`); a table rebuild uses
 * `PRAGMA defer_foreign_keys = ON` instead.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run on whatever schema version the file has
export async function migrateToLatest(db: Kysely<any>, migrations: Record<string, Migration>): Promise<void> {
  const provider = { getMigrations: () => Promise.resolve(migrations) };
  // Nothing pending (every start but the first after an update): no write lock needed.
  const pending = (await new Migrator({ db, provider }).getMigrations()).some((m) => m.executedAt === undefined);
  if (!pending) return;
  await db.connection().execute(async (conn) => {
    await sql`BEGIN IMMEDIATE`.execute(conn);
    try {
      const { error } = await new Migrator({ db: conn, provider }).migrateToLatest();
      if (error) throw error instanceof Error ? error : new Error(String(error));
      await sql`COMMIT`.execute(conn);
    } catch (error) {
      // A failed statement (disk full) may already have ended the transaction.
      await sql`ROLLBACK`.execute(conn).catch(() => undefined);
      throw error;
    }
  });
}
