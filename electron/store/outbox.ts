import type BetterSqlite3 from 'better-sqlite3';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { AuditRow, CallRow, Database, MissReasonRow, StepRow, TeamLinkRow, TransferRow } from './schema';
import { visibleCallsSql } from './visibility';
import { requeueAllPhone, unlinkPhone } from './phoneOutbox';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * The team server's outbox (migration 0011). Triggers mark a record whenever
 * it or one of its children changes, in the same transaction; these are the
 * rest: linking (which queues every record the desk already has), the bulk
 * marks of a published import, reading the queue and the snapshots the pusher
 * sends, and clearing what the server acknowledged.
 */

/** An outbox entry: a record and its newest change sequence. */
export interface OutboxEntry {
  call_id: number;
  seq: number;
}

/** SQLite-only: the one statement that marks many records with consecutive sequences (row_number over the ids). */
const MARK_MANY = (where: string) => `
  INSERT INTO outbox (call_id, seq)
  SELECT id, (SELECT last_seq FROM team_link) + row_number() OVER (ORDER BY id) FROM calls
  WHERE ${where} AND desk_code = (SELECT code FROM desk) AND ${visibleCallsSql()}
  ON CONFLICT (call_id) DO UPDATE SET seq = excluded.seq`;

/** Raises the sequence past the marks just made (their count), so the next trigger's mark comes after them. */
function raiseSequence(sqlite: BetterSqlite3.Database, marked: number): void {
  if (marked > 0) sqlite.prepare('UPDATE team_link SET last_seq = last_seq + ?').run(marked);
}

/**
 * Links the desk: the link's row, and every record the desk already has of its
 * own queued (a join pushes the desk's history). Inside a write transaction.
 */
export function linkTeam(sqlite: BetterSqlite3.Database, link: { role: TeamLinkRow['role']; instance: string; linkedAt: number }): number {
  sqlite.prepare('INSERT INTO team_link (id, linked_at, role, instance) VALUES (1, ?, ?, ?)').run(link.linkedAt, link.role, link.instance);
  const marked = sqlite.prepare(MARK_MANY('true')).run().changes;
  raiseSequence(sqlite, marked);
  // Its phone facts and missed calls too (migration 0015), after its records.
  requeueAllPhone(sqlite);
  return marked;
}

/**
 * Queues every record the desk has of its own again: the server lost what it
 * had acknowledged (it was restored to an older point). Inside a write transaction.
 */
export function requeueAll(sqlite: BetterSqlite3.Database): number {
  const marked = sqlite.prepare(MARK_MANY('true')).run().changes;
  raiseSequence(sqlite, marked);
  requeueAllPhone(sqlite);
  return marked;
}

/**
 * Queues the desk's own records whose numbers the server does not have: a
 * desk that took a new incarnation sends what the server lost (it was restored
 * to before this desk's last pushes). Inside a write transaction.
 */
export function requeueAbsent(sqlite: BetterSqlite3.Database, serverRecordNos: readonly string[]): number {
  // SQLite-only: json_each turns the server's list into a set to test against.
  const marked = sqlite.prepare(MARK_MANY('record_no NOT IN (SELECT value FROM json_each(?))')).run(JSON.stringify(serverRecordNos)).changes;
  raiseSequence(sqlite, marked);
  // Phone rows are few and their push idempotent: all of them go again under the new incarnation.
  requeueAllPhone(sqlite);
  return marked;
}

/** Unlinks the desk: the link and its queue go; every record stays. Inside a write transaction. */
export function unlinkTeam(sqlite: BetterSqlite3.Database): void {
  sqlite.prepare('DELETE FROM outbox').run();
  sqlite.prepare('DELETE FROM outbox_parked').run();
  unlinkPhone(sqlite);
  sqlite.prepare('DELETE FROM team_link').run();
}

/**
 * Marks a just-published import's records (their rows went in staged, which no
 * trigger marks). Inside the publishing transaction; nothing when unlinked.
 */
export function markPublishedBatch(sqlite: BetterSqlite3.Database, batchId: number): void {
  if (sqlite.prepare('SELECT 1 FROM team_link').get() === undefined) return;
  raiseSequence(sqlite, sqlite.prepare(MARK_MANY('import_batch = ?')).run(batchId).changes);
}

export async function findTeamLink(db: Db): Promise<TeamLinkRow | undefined> {
  return db.selectFrom('team_link').selectAll().executeTakeFirst();
}

export async function updateTeamLink(db: Db, changes: Partial<Omit<TeamLinkRow, 'id'>>): Promise<void> {
  await db.updateTable('team_link').set(changes).execute();
}

/** The oldest `limit` entries waiting, parked ones left out: the pusher's next batch. */
export async function waitingEntries(db: Db, limit: number): Promise<OutboxEntry[]> {
  return db
    .selectFrom('outbox')
    .select(['call_id', 'seq'])
    .where('call_id', 'not in', (eb) => eb.selectFrom('outbox_parked').select('call_id'))
    .orderBy('seq')
    .limit(limit)
    .execute();
}

/** How many records wait, and how many of them are parked. */
export async function outboxCounts(db: Db): Promise<{ waiting: number; parked: number }> {
  const [waiting, parked] = await Promise.all([
    db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    db.selectFrom('outbox_parked').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { waiting: Number(waiting.n), parked: Number(parked.n) };
}

/**
 * Takes the entries the server acknowledged off the queue, each only if its
 * record did not change again meanwhile (a newer mark keeps its entry for the
 * next push).
 */
export async function clearPushed(db: Db, entries: readonly OutboxEntry[]): Promise<void> {
  if (entries.length === 0) return;
  // One statement per batch, not one per entry (a catch-up clears 100,000): the entries drive the join
  // (CROSS JOIN keeps that order), each found by its key, and kept if its mark moved on.
  const pairs = JSON.stringify(entries.map((e) => [e.call_id, e.seq]));
  await sql`DELETE FROM outbox WHERE call_id IN (
    SELECT o.call_id FROM json_each(${pairs}) AS j CROSS JOIN outbox AS o ON o.call_id = j.value ->> 0 AND o.seq = j.value ->> 1)`.execute(db);
}

/** Parks an entry the server refused for good, with its reason; a later change of the record (a new mark) unparks it. */
export async function parkEntry(db: Db, entry: OutboxEntry, reason: string, at: number): Promise<void> {
  await db
    .insertInto('outbox_parked')
    .values({ call_id: entry.call_id, seq: entry.seq, parked_at: at, reason })
    .onConflict((oc) => oc.column('call_id').doUpdateSet({ seq: entry.seq, parked_at: at, reason }))
    .execute();
}

export async function parkedEntries(db: Db): Promise<Array<{ call_id: number; record_no: string; seq: number; parked_at: number; reason: string }>> {
  return db
    .selectFrom('outbox_parked')
    .innerJoin('calls', 'calls.id', 'outbox_parked.call_id')
    .select(['outbox_parked.call_id', 'calls.record_no', 'outbox_parked.seq', 'outbox_parked.parked_at', 'outbox_parked.reason'])
    .orderBy('outbox_parked.parked_at')
    .execute();
}

/** A parked entry whose record changed since is tried again: its newer snapshot may well be accepted. */
export async function unparkChanged(db: Db): Promise<void> {
  await db
    .deleteFrom('outbox_parked')
    .where((eb) => eb.exists(eb.selectFrom('outbox').select('outbox.call_id').whereRef('outbox.call_id', '=', 'outbox_parked.call_id').whereRef('outbox.seq', '>', 'outbox_parked.seq')))
    .execute();
}

/**
 * The whole current record the server receives for an entry: the call's
 * columns (not its local id nor its import batch, which mean nothing there;
 * the profile ids go along, mapped by the server's readers) and all its
 * children, which the server replaces as a set, so that deletions and
 * corrections arrive too. Audit rows keep their local id: the server's key for
 * them, so a row sent twice is stored once.
 */
export interface RecordSnapshot {
  seq: number;
  call: Omit<CallRow, 'id' | 'import_batch'>;
  transfers: Array<Omit<TransferRow, 'id' | 'call_id'>>;
  steps: Array<Omit<StepRow, 'id' | 'call_id'>>;
  missReasons: Array<Omit<MissReasonRow, 'id' | 'call_id'>>;
  audit: Array<Omit<AuditRow, 'call_id'>>;
}

/** The snapshots of the entries' records, in the entries' order: five reads for the whole batch, not five per record. */
export async function snapshotsOf(db: Db, entries: readonly OutboxEntry[]): Promise<RecordSnapshot[]> {
  if (entries.length === 0) return [];
  const ids = entries.map((e) => e.call_id);
  const [calls, transfers, steps, reasons, audit] = await Promise.all([
    db.selectFrom('calls').selectAll().where('id', 'in', ids).execute(),
    db.selectFrom('transfers').selectAll().where('call_id', 'in', ids).orderBy('seq').execute(),
    db.selectFrom('steps').selectAll().where('call_id', 'in', ids).orderBy('n').execute(),
    db.selectFrom('miss_reasons').selectAll().where('call_id', 'in', ids).orderBy('kind').orderBy('idx').execute(),
    db.selectFrom('audit_log').selectAll().where('call_id', 'in', ids).orderBy('id').execute(),
  ]);
  /** Rows per call, each shaped as the server takes it. */
  const byCall = <T extends { call_id: number }, R>(rows: readonly T[], shape: (row: T) => R): Map<number, R[]> => {
    const map = new Map<number, R[]>();
    for (const row of rows) (map.get(row.call_id) ?? map.set(row.call_id, []).get(row.call_id)!).push(shape(row));
    return map;
  };
  const callById = new Map(calls.map((c) => [c.id, c]));
  const shapeCall = withoutColumns<CallRow, 'id' | 'import_batch'>(['id', 'import_batch']);
  const transfersOf = byCall(transfers, withoutColumns<TransferRow, 'id' | 'call_id'>(['id', 'call_id']));
  const stepsOf = byCall(steps, withoutColumns<StepRow, 'id' | 'call_id'>(['id', 'call_id']));
  const reasonsOf = byCall(reasons, withoutColumns<MissReasonRow, 'id' | 'call_id'>(['id', 'call_id']));
  const auditOf = byCall(audit, withoutColumns<AuditRow, 'call_id'>(['call_id']));
  return entries.flatMap((e) => {
    const found = callById.get(e.call_id);
    if (!found) return [];
    return [{ seq: e.seq, call: shapeCall(found), transfers: transfersOf.get(e.call_id) ?? [], steps: stepsOf.get(e.call_id) ?? [], missReasons: reasonsOf.get(e.call_id) ?? [], audit: auditOf.get(e.call_id) ?? [] }];
  });
}

/**
 * A copier of rows without the named columns. A loop over the remaining
 * columns, taken from the first row, writes objects of one shape: three times
 * as fast as `{ id, ...rest }` on a call's 56 columns (a catch-up shapes
 * 100,000 calls and their 350,000 children; docs/benchmarks.md, Team server).
 */
function withoutColumns<T extends object, K extends keyof T>(left: readonly K[]): (row: T) => Omit<T, K> {
  let keep: string[] | undefined;
  return (row) => {
    keep ??= Object.keys(row).filter((k) => !(left as readonly PropertyKey[]).includes(k));
    const out: Record<string, unknown> = {};
    for (const k of keep) out[k] = (row as Record<string, unknown>)[k];
    return out as Omit<T, K>;
  };
}

/** Notes the incarnation the server gave this desk. On the raw connection, inside the transaction that took the desk's history back. */
export function setIncarnation(sqlite: BetterSqlite3.Database, epoch: number, incarnation: string): void {
  // The server's mark starts again at 0 with the new incarnation; so does what this desk saw acknowledged.
  sqlite.prepare('UPDATE team_link SET epoch = ?, incarnation = ?, pushed_seq = 0').run(epoch, incarnation);
}
