import type BetterSqlite3 from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import type { Policy } from '../../shared/policy/schema';
import { rawConnectionOf } from '../store/openDb';
import { insertCallsInBulk } from '../store/rollups';
import type { CallRow, Database } from '../store/schema';
import { inWriteTransaction } from '../store/writeTransaction';
import { dueColumnsOf } from './dueTimes';
import type { ParsedCall, PolicyVersionRef } from './importRow';
import { assignSerials } from './importSerials';

/** Writing an import: one transaction, everything or nothing. */

export interface ReadyStep {
  n: number;
  at: number;
  author: string;
  text: string;
}

export interface ReadyCall {
  parsed: ParsedCall;
  steps: ReadyStep[];
}

export interface PolicyPlan {
  /** The versions the rows were read against (ids as in the database). */
  versions: PolicyVersionRef[];
  /** A database without any policy gets the defaults first; rows refer to it by this id until it exists. */
  create?: { placeholderId: number; json: string; createdBy: string };
}

/**
 * Inserts the calls not already present (same desk code and record number),
 * with their transfers, steps and miss reasons, due times worked out as the
 * app does, and each desk's day serial raised past the highest imported one,
 * so that calls logged later never take an imported number.
 */
export async function writeImport(db: Kysely<Database>, calls: ReadyCall[], plan: PolicyPlan, who: { actor: string; now: number }): Promise<{ imported: number; skipped: number; steps: number; clashes: Clash[] }> {
  if (calls.length === 0) return { imported: 0, skipped: 0, steps: 0, clashes: [] };
  const sqlite = rawConnectionOf(db);
  // Eight indexes on calls: a larger page cache keeps their pages in memory while 100,000 rows go in
  // (a quarter of the write time). The connection is the app's, so its own size is put back after.
  const cache = await sql<{ cache_size: number }>`PRAGMA cache_size`.execute(db);
  await sql`PRAGMA cache_size = -65536`.execute(db);
  try {
    return await inWriteTransaction(db, async (trx) => {
      const policyId = await checkPolicies(trx, plan, who.now);
      const { fresh, skipped, clashes } = await planImport(trx, calls);
      // All rows or none: a clash is a problem, and the default policy created above goes back too.
      if (clashes.length > 0) throw new ClashesFound(skipped, clashes);
      if (fresh.length === 0) return { imported: 0, skipped, steps: 0, clashes };
      const policies = new Map(plan.versions.map((v) => [v.id, v.policy]));
      const days = new Map(fresh.map(({ parsed: { call } }) => [`${call.desk_code}\u0000${call.local_date}`, { desk_code: call.desk_code, local_date: call.local_date }]));
      // Straight through better-sqlite3 on the connection this transaction holds: kysely would compile
      // a query object per row, and the rollup triggers would do six upserts per call (insertCallsInBulk).
      const steps = insertCallsInBulk(sqlite, days.values(), () => insertRows(sqlite, fresh, { policies, policyId, actor: who.actor, now: who.now }));
      return { imported: fresh.length, skipped, steps, clashes };
    });
  } catch (error) {
    if (error instanceof ClashesFound) return { imported: 0, skipped: error.skipped, steps: 0, clashes: error.clashes };
    throw error;
  } finally {
    await sql.raw(`PRAGMA cache_size = ${Number(cache.rows[0]?.cache_size ?? -2000)}`).execute(db);
  }
}

/** Thrown inside the write transaction to roll it back when a row's record number is another record's. */
class ClashesFound extends Error {
  constructor(
    readonly skipped: number,
    readonly clashes: Clash[],
  ) {
    super('record numbers taken by other records');
  }
}

/** Refuses a policy table changed since the file was read; creates the default policy when planned. Returns the id mapping. */
async function checkPolicies(trx: Kysely<Database>, plan: PolicyPlan, now: number): Promise<(id: number) => number> {
  const current = await trx.selectFrom('policies').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const expected = plan.versions.length - (plan.create ? 1 : 0);
  if (Number(current.n) !== expected) throw new Error('The timing policy changed while the file was being read; import it again.');
  if (!plan.create) return (id) => id;
  const { placeholderId, json, createdBy } = plan.create;
  const created = await trx.insertInto('policies').values({ effective_from: 0, created_at: now, created_by: createdBy, json }).returning('id').executeTakeFirstOrThrow();
  return (id) => (id === placeholderId ? created.id : id);
}

/** Every call with its children, one prepared statement per table; returns the number of steps written. */
function insertRows(
  sqlite: BetterSqlite3.Database,
  fresh: ReadyCall[],
  ctx: { policies: Map<number, Policy>; policyId: (id: number) => number; actor: string; now: number },
): number {
  const serials = new Map<string, { desk_code: string; local_date: string; last_serial: number }>();
  // Columns named after the first row's own keys: the statement follows the schema type.
  let callColumns: Array<keyof Omit<CallRow, 'id'>> | undefined;
  let insertCall: BetterSqlite3.Statement | undefined;
  const insertTransfer = sqlite.prepare('INSERT INTO transfers (call_id, seq, to_owner, transferred_at, answered_at, due_at) VALUES (?, ?, ?, ?, ?, ?)');
  const steps = new StepWriter(sqlite);
  const insertReason = sqlite.prepare('INSERT INTO miss_reasons (call_id, kind, idx, code, text, author, at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  for (const { parsed, steps: callSteps } of fresh) {
    const policy = ctx.policies.get(parsed.call.policy_id!)!;
    const { columns, transferDueAt } = dueColumnsOf(parsed.call, parsed.transfers, callSteps.map((s) => s.at), policy);
    // The parsed call becomes the row in place: copying 100,000 objects of fifty fields cost more than inserting them.
    const row: Omit<CallRow, 'id'> = Object.assign(parsed.call, columns, { policy_id: ctx.policyId(parsed.call.policy_id!) });
    callColumns ??= Object.keys(row) as Array<keyof typeof row>;
    insertCall ??= sqlite.prepare(`INSERT INTO calls (${callColumns.join(', ')}) VALUES (${callColumns.map(() => '?').join(', ')})`);
    const id = Number(insertCall.run(callColumns.map((c) => row[c])).lastInsertRowid);
    parsed.transfers.forEach((t, n) => insertTransfer.run(id, n + 1, t.to_owner, t.transferred_at, t.answered_at, transferDueAt[n] ?? null));
    for (const s of callSteps) steps.add(id, s);
    for (const r of parsed.reasons) insertReason.run(id, r.kind, r.idx, r.code, r.text, ctx.actor, ctx.now);
    const day = `${parsed.call.desk_code}\u0000${parsed.call.local_date}`;
    const taken = parsed.serial!;
    const serial = serials.get(day);
    if (!serial) serials.set(day, { desk_code: parsed.call.desk_code, local_date: parsed.call.local_date, last_serial: taken });
    else serial.last_serial = Math.max(serial.last_serial, taken);
  }
  // A serial once used is never handed out again: the counter only ever goes up.
  const raiseSerial = sqlite.prepare(
    'INSERT INTO daily_serials (desk_code, local_date, last_serial) VALUES (?, ?, ?) ON CONFLICT (desk_code, local_date) DO UPDATE SET last_serial = max(daily_serials.last_serial, excluded.last_serial)',
  );
  for (const s of serials.values()) raiseSerial.run(s.desk_code, s.local_date, s.last_serial);
  return steps.finish();
}

/** Steps go in sixteen rows a statement: half the time of a statement per row, for three steps a call. */
class StepWriter {
  private static readonly BATCH = 16;
  private readonly one: BetterSqlite3.Statement;
  private readonly batch: BetterSqlite3.Statement;
  private readonly pending: Array<number | string> = [];
  private written = 0;

  constructor(sqlite: BetterSqlite3.Database) {
    const row = '(?, ?, ?, ?, ?)';
    this.one = sqlite.prepare(`INSERT INTO steps (call_id, n, at, author, text) VALUES ${row}`);
    this.batch = sqlite.prepare(`INSERT INTO steps (call_id, n, at, author, text) VALUES ${Array<string>(StepWriter.BATCH).fill(row).join(', ')}`);
  }

  add(callId: number, s: ReadyStep): void {
    this.pending.push(callId, s.n, s.at, s.author, s.text);
    if (this.pending.length === StepWriter.BATCH * 5) this.flush();
  }

  private flush(): void {
    this.batch.run(this.pending);
    this.written += StepWriter.BATCH;
    this.pending.length = 0;
  }

  /** Writes what is left; returns the number of steps written. */
  finish(): number {
    for (let i = 0; i < this.pending.length; i += 5) this.one.run(this.pending.slice(i, i + 5));
    this.written += this.pending.length / 5;
    this.pending.length = 0;
    return this.written;
  }
}

/** A stored record as the plan compares it with a row of the file. */
export interface StoredRecord {
  record_no: string;
  source_ref: string | null;
  call_at: number;
  time_zone: string;
}

/** A row whose own record number is, on its desk, another record's (seed 000's row given CS20240501001 before). */
export interface Clash {
  parsed: ParsedCall;
  other: StoredRecord;
}

/**
 * The record a row's own number finds is that row imported before when it has
 * the same source reference (none for a paper or desk call) and was called
 * within the same minute (a paper sheet writes minutes, the desk keeps seconds).
 */
function sameRecord(stored: StoredRecord, call: ParsedCall['call']): boolean {
  return stored.source_ref === call.source_ref && Math.abs(stored.call_at - call.call_at) < 60_000;
}

/**
 * The calls not stored yet, each with its record number (seed sheets' rows take
 * the desk's next serials), how many are present (a record is present when its
 * desk has its source reference, or its record number for that very record), and
 * the clashes: rows whose own number the desk already gave another record, which
 * are neither present nor fresh, and which the import refuses rather than skip
 * without a word. A present row of a seed sheet is shown with the number it has
 * here. Writes nothing (a dry run plans too).
 * @example const { fresh, skipped, clashes } = await planImport(trx, calls)
 */
export async function planImport<T extends { parsed: ParsedCall }>(db: Kysely<Database>, calls: readonly T[]): Promise<{ fresh: T[]; skipped: number; clashes: Clash[] }> {
  const present = await existingKeys(db, calls);
  const clashes: Clash[] = [];
  const fresh = calls.filter(({ parsed }) => {
    const { call } = parsed;
    const byRef = call.source_ref === null ? undefined : present.refs.get(`${call.desk_code}\u0000${call.source_ref}`);
    if (byRef !== undefined) {
      if (call.record_no === '') call.record_no = byRef;
      return false;
    }
    const byNo = call.record_no === '' ? undefined : present.numbers.get(`${call.desk_code}\u0000${call.record_no}`);
    if (byNo === undefined) return true;
    if (!sameRecord(byNo, call)) clashes.push({ parsed, other: byNo });
    return false;
  });
  await assignSerials(db, fresh.map((c) => c.parsed));
  return { fresh, skipped: calls.length - fresh.length - clashes.length, clashes };
}

/** How many source references go in one IN (…): well under SQLite's limit on bound parameters. */
const REFS_PER_QUERY = 500;

/** Record numbers (with what the plan compares) and source references already stored, among the desks (and, for numbers, the days) of the file. */
async function existingKeys(db: Kysely<Database>, calls: ReadonlyArray<{ parsed: ParsedCall }>): Promise<{ numbers: Map<string, StoredRecord>; refs: Map<string, string> }> {
  const numbers = new Map<string, StoredRecord>();
  const refs = new Map<string, string>();
  if (calls.length === 0) return { numbers, refs };
  const desks = [...new Set(calls.map((c) => c.parsed.call.desk_code))];
  const dates = calls.map((c) => c.parsed.call.local_date).sort();
  const rows = await db
    .selectFrom('calls')
    .select(['desk_code', 'record_no', 'source_ref', 'call_at', 'time_zone'])
    .where('desk_code', 'in', desks)
    .where('local_date', '>=', dates[0]!)
    .where('local_date', '<=', dates[dates.length - 1]!)
    .execute();
  for (const r of rows) numbers.set(`${r.desk_code}\u0000${r.record_no}`, { record_no: r.record_no, source_ref: r.source_ref, call_at: r.call_at, time_zone: r.time_zone });
  const wanted = [...new Set(calls.map((c) => c.parsed.call.source_ref).filter((r): r is string => r !== null))];
  for (let i = 0; i < wanted.length; i += REFS_PER_QUERY) {
    const found = await db
      .selectFrom('calls')
      .select(['desk_code', 'record_no', 'source_ref'])
      .where('desk_code', 'in', desks)
      .where('source_ref', 'in', wanted.slice(i, i + REFS_PER_QUERY))
      .execute();
    for (const r of found) refs.set(`${r.desk_code}\u0000${r.source_ref}`, r.record_no);
  }
  return { numbers, refs };
}
