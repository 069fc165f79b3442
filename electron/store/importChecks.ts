import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely, Transaction } from 'kysely';
import type { CallRow, Database } from './schema';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * The reads and small writes an import makes around its bulk insert
 * (bulkCalls.ts): what the file's rows find already stored, the checks under
 * the write lock before a batch opens and again at publish, and the clean-up of
 * the default policy a failed import made.
 */

/** A stored record as an import compares it with a row of its file. */
export type StoredRecord = Pick<CallRow, 'record_no' | 'source_ref' | 'call_at' | 'time_zone'>;

/**
 * The per-day reads of the transaction that opens an import, which holds the
 * write lock while it runs them for every day of the file: prepared once and
 * reused for each day, as kysely's compiling each query would cost more than
 * SQLite answering it.
 * SQLite-only: better-sqlite3 prepared statements on the raw connection.
 */
export class ImportDayReads {
  private readonly counter: BetterSqlite3.Statement;
  private readonly published: BetterSqlite3.Statement;

  constructor(sqlite: BetterSqlite3.Database) {
    this.counter = sqlite.prepare('SELECT last_serial FROM daily_serials WHERE desk_code = ? AND local_date = ?').pluck();
    this.published = sqlite.prepare('SELECT record_no, source_ref, call_at, time_zone FROM calls WHERE desk_code = ? AND local_date = ? AND import_batch IS NULL');
  }

  /** The day's serial counter, 0 when nobody logged that day: a call logged since the import's plan has raised it. */
  lastSerial(deskCode: string, localDate: string): number {
    return (this.counter.get(deskCode, localDate) as number | undefined) ?? 0;
  }

  /** The day's records that are not an import's staged rows: a call logged since the plan may hold a number the file brings. */
  publishedRecords(deskCode: string, localDate: string): StoredRecord[] {
    return this.published.all(deskCode, localDate) as StoredRecord[];
  }
}

/**
 * How many policy versions exist, read inside the transaction that publishes
 * an import: the rows were judged against the versions as they were, so a
 * version saved meanwhile means the import must be run again.
 * SQLite-only: a better-sqlite3 statement, inside the caller's raw transaction.
 */
export function countPoliciesNow(sqlite: BetterSqlite3.Database): number {
  return sqlite.prepare('SELECT count(*) FROM policies').pluck().get() as number;
}

/**
 * Deletes the default policy a failed or cancelled import made for itself,
 * unless something refers to it after all: nothing of the file may stay, but a
 * version a record or the policy audit names must.
 * SQLite-only: better-sqlite3 statements, inside the caller's raw transaction.
 */
export function removePolicyIfUnused(sqlite: BetterSqlite3.Database, id: number): void {
  const used = sqlite.prepare('SELECT 1 FROM calls WHERE policy_id = ? UNION ALL SELECT 1 FROM policy_audit WHERE policy_id = ? LIMIT 1').get(id, id);
  if (!used) sqlite.prepare('DELETE FROM policies WHERE id = ?').run(id);
}

/**
 * The records of the given desks between two local dates, every one (hidden or
 * voided too): the import's plan finds by record number which rows of a file
 * are there already and which clash with another record.
 */
export async function recordsOfDesksBetween(db: Db, deskCodes: readonly string[], from: string, to: string): Promise<Array<StoredRecord & { desk_code: string }>> {
  return db
    .selectFrom('calls')
    .select(['desk_code', 'record_no', 'source_ref', 'call_at', 'time_zone'])
    .where('desk_code', 'in', deskCodes)
    .where('local_date', '>=', from)
    .where('local_date', '<=', to)
    .execute();
}

/**
 * The record numbers the given desks gave the given source references: a row
 * imported before is found by its reference, whatever its date. The caller
 * keeps `sourceRefs` well under SQLite's limit on bound parameters.
 */
export async function recordNosBySourceRef(db: Db, deskCodes: readonly string[], sourceRefs: readonly string[]): Promise<Array<{ desk_code: string; record_no: string; source_ref: string | null }>> {
  return db
    .selectFrom('calls')
    .select(['desk_code', 'record_no', 'source_ref'])
    .where('desk_code', 'in', deskCodes)
    .where('source_ref', 'in', sourceRefs)
    .execute();
}
