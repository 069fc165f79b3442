import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Policy } from '../../shared/policy/schema';
import { openBatch, publishBatch } from '../store/importBatches';
import { countPoliciesNow, ImportDayReads, recordNosBySourceRef, recordsOfDesksBetween, removePolicyIfUnused, type StoredRecord } from '../store/importChecks';
import { countPolicies, insertPolicy } from '../store/policies';
import { widenPageCache } from '../store/sqliteFile';
import { rawConnectionOf } from '../store/openDb';
import { stageRollups } from '../store/rollups';
import { BulkCallWriter, serialRaiser, type BulkCall } from '../store/bulkCalls';
import type { Database } from '../store/schema';
import { inWriteTransaction } from '../store/writeTransaction';
import { dueColumnsOf } from './dueTimes';
import type { ParsedCall, PolicyVersionRef } from './importRow';
import { assignSerials } from './importSerials';
import { holdingWriteAsync } from '../store/requestGate';
import { betweenChunks, ChunkSizer } from '../store/rhythm';
import { removeBatch, removeUnpublishedImports, timedTransaction } from './importStaging';

/**
 * Writing an import: staged, everything or nothing as people see it. The rows
 * go in short transactions under an unpublished batch that no reader sees
 * (store/visibility.ts), and one small transaction publishes them all.
 */

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

export interface WriteControl {
  /** Honoured between two of the import's transactions, until it publishes: a cancel then leaves nothing. */
  signal?: AbortSignal;
  /** Records written so far (staged, not yet seen) of those to write. */
  onProgress?: (written: number, toWrite: number) => void;
}

/**
 * Inserts the calls not already present (same desk code and record number),
 * with their transfers, steps and miss reasons, due times worked out as the
 * app does. In order:
 * 1. a batch left unpublished by an import that was killed is removed;
 * 2. the plan (reads only): what is present, what clashes, the record numbers;
 * 3. one short transaction opens the batch, checks the policies, and raises
 *    each desk's day serial past every number the batch will use, so that a
 *    call logged while the import runs never takes one of them;
 * 4. the rows, in transactions of about CHUNK_MS, hidden, with the batch's
 *    figures gathered beside them;
 * 5. one short transaction checks the policies again and publishes: the
 *    records appear, and the statistics change, at once.
 * A failure or a cancel before 5 removes the batch; the serials stay raised
 * (a serial once handed out is never reused).
 */
export async function writeImport(
  db: Kysely<Database>,
  calls: ReadyCall[],
  plan: PolicyPlan,
  who: { actor: string; now: number; file: string },
  control: WriteControl = {},
): Promise<{ imported: number; skipped: number; steps: number; clashes: Clash[] }> {
  if (calls.length === 0) return { imported: 0, skipped: 0, steps: 0, clashes: [] };
  const sqlite = rawConnectionOf(db);
  // A killed import's rows hold record numbers and source references this file may bring too.
  await removeUnpublishedImports(sqlite);
  const { fresh, skipped, clashes } = await planImport(db, calls);
  // All rows or none: a clash is a problem.
  if (clashes.length > 0 || fresh.length === 0) return { imported: 0, skipped, steps: 0, clashes };
  control.onProgress?.(0, fresh.length);
  // Eight indexes on calls: a larger page cache keeps their pages in memory while 100,000 rows go in
  // (a quarter of the write time). The connection is the app's, so its own size is put back after.
  const restoreCache = widenPageCache(sqlite, 65536);
  let opened: { batchId: number; createdPolicy: number | null } | null = null;
  try {
    const started = await openImport(db, plan, fresh, who);
    if ('clashes' in started) return { imported: 0, skipped, steps: 0, clashes: started.clashes };
    const batch = (opened = started);
    const policies = new Map(plan.versions.map((v) => [v.id, v.policy]));
    const steps = await stageRows(sqlite, fresh, { batchId: batch.batchId, policies, policyId: batch.policyId, actor: who.actor, now: who.now }, control);
    control.signal?.throwIfAborted();
    timedTransaction(sqlite, () => {
      // The policy table is as the rows were judged against (the default made at the start included).
      if (countPoliciesNow(sqlite) !== plan.versions.length) throw new PolicyChangedError();
      publishBatch(sqlite, batch.batchId, who.now);
    });
    return { imported: fresh.length, skipped, steps, clashes };
  } catch (error) {
    if (opened === null) throw error;
    const batch = opened;
    // Nothing of the file stays: its staged rows, and the default policy made for it alone.
    try {
      await removeBatch(sqlite, batch.batchId);
      if (batch.createdPolicy !== null) timedTransaction(sqlite, () => removePolicyIfUnused(sqlite, batch.createdPolicy!));
    } catch {
      // The disk that failed the import may fail this too: the batch stays hidden, and the next start or import removes it.
    }
    throw error;
  } finally {
    restoreCache();
  }
}

/** The write transaction that starts an import: policies checked (the default made if planned), serials reserved, the batch opened. */
async function openImport(
  db: Kysely<Database>,
  plan: PolicyPlan,
  fresh: readonly ReadyCall[],
  who: { actor: string; now: number; file: string },
): Promise<{ batchId: number; policyId: (id: number) => number; createdPolicy: number | null } | { clashes: Clash[] }> {
  const sqlite = rawConnectionOf(db);
  // Gathered before the lock is taken: a hundred thousand rows are many milliseconds of work.
  const days = serialDays(fresh);
  return holdingWriteAsync(() => inWriteTransaction(db, async (trx) => {
    const { policyId, created } = await checkPolicies(trx, plan, who.now);
    // A call logged since the plan took the day's next serial: that day's rows are numbered again, under the lock.
    const reads = new ImportDayReads(sqlite);
    for (const day of days.values()) {
      if (day.numbered.length === 0 || reads.lastSerial(day.desk, day.date) < day.firstNumbered) continue;
      await assignSerials(trx, day.numbered);
      for (const p of day.numbered) day.highest = Math.max(day.highest, p.serial!);
    }
    // A file's own numbers (an archive's) a call logged since the plan took: refused as clashes, nothing written.
    const clashes = takenSincePlan(reads, days.values());
    if (clashes.length > 0) return { clashes };
    raiseSerials(sqlite, days.values());
    return { batchId: openBatch(sqlite, who), policyId, createdPolicy: created };
  }));
}

interface SerialDay {
  desk: string;
  date: string;
  /** The highest serial the batch uses that day (the file's own or one given here). */
  highest: number;
  /** Rows the plan numbered (seed sheets'), and the lowest serial it gave them. */
  numbered: ParsedCall[];
  firstNumbered: number;
  /** Rows that bring their own record number (an archive's), by number, and the lowest of their serials. */
  own: Map<string, ParsedCall>;
  firstOwn: number;
}

/**
 * The plan found none of the file's own numbers taken, but it ran before the lock: a
 * call logged since may have taken one. Only a day whose counter has reached the
 * lowest of them can hold such a call, so only those days are read.
 */
function takenSincePlan(reads: ImportDayReads, days: Iterable<SerialDay>): Clash[] {
  const clashes: Clash[] = [];
  for (const day of days) {
    if (day.own.size === 0 || reads.lastSerial(day.desk, day.date) < day.firstOwn) continue;
    for (const other of reads.publishedRecords(day.desk, day.date)) {
      const parsed = day.own.get(other.record_no);
      if (parsed) clashes.push({ parsed, other });
    }
  }
  return clashes;
}

/** The batch's rows by desk and day, with the serials they use. */
function serialDays(fresh: readonly ReadyCall[]): Map<string, SerialDay> {
  const days = new Map<string, SerialDay>();
  for (const { parsed } of fresh) {
    const key = `${parsed.call.desk_code}\u0000${parsed.call.local_date}`;
    let day = days.get(key);
    if (!day) days.set(key, (day = { desk: parsed.call.desk_code, date: parsed.call.local_date, highest: 0, numbered: [], firstNumbered: Infinity, own: new Map(), firstOwn: Infinity }));
    day.highest = Math.max(day.highest, parsed.serial!);
    if (parsed.serialAssigned) {
      day.numbered.push(parsed);
      day.firstNumbered = Math.min(day.firstNumbered, parsed.serial!);
    } else {
      day.own.set(parsed.call.record_no, parsed);
      day.firstOwn = Math.min(day.firstOwn, parsed.serial!);
    }
  }
  return days;
}

/** Writes the rows in transactions sized by time, between which clicks go first; returns the steps written. */
async function stageRows(sqlite: BetterSqlite3.Database, fresh: readonly ReadyCall[], ctx: RowContext, control: WriteControl): Promise<number> {
  const sizer = new ChunkSizer();
  let written = 0;
  let steps = 0;
  while (written < fresh.length) {
    await betweenChunks(control.signal);
    const chunk = fresh.slice(written, written + sizer.size);
    const { value, ms } = timedTransaction(sqlite, () => {
      const rows = insertRows(sqlite, chunk, ctx);
      stageRollups(sqlite, ctx.batchId, rows.firstId, rows.lastId);
      return rows;
    });
    sizer.took(chunk.length, ms);
    written += chunk.length;
    steps += value.steps;
    control.onProgress?.(written, fresh.length);
  }
  return steps;
}

/** A serial once used is never handed out again: each day's counter goes up to the highest the batch uses. */
function raiseSerials(sqlite: BetterSqlite3.Database, days: Iterable<SerialDay>): void {
  const raise = serialRaiser(sqlite);
  for (const d of days) raise(d.desk, d.date, d.highest);
}

/** Refuses a policy table changed since the file was read; creates the default policy when planned. Returns the id mapping. */
async function checkPolicies(trx: Kysely<Database>, plan: PolicyPlan, now: number): Promise<{ policyId: (id: number) => number; created: number | null }> {
  if ((await countPolicies(trx)) !== plan.versions.length - (plan.create ? 1 : 0)) throw new PolicyChangedError();
  if (!plan.create) return { policyId: (id) => id, created: null };
  const { placeholderId, json, createdBy } = plan.create;
  const created = await insertPolicy(trx, { effective_from: 0, created_at: now, created_by: createdBy, json });
  return { policyId: (id) => (id === placeholderId ? created : id), created };
}

class PolicyChangedError extends Error {
  constructor() {
    super('The timing policy changed while the file was being imported; import it again.');
  }
}

interface RowContext {
  batchId: number;
  policies: Map<number, Policy>;
  policyId: (id: number) => number;
  actor: string;
  now: number;
}

/** Every call with its children, through the store's bulk insert; returns the number of steps written. */
function insertRows(sqlite: BetterSqlite3.Database, fresh: readonly ReadyCall[], ctx: RowContext): { steps: number; firstId: number; lastId: number } {
  let firstId = 0;
  let lastId = 0;
  const writer = new BulkCallWriter(sqlite);
  for (const { parsed, steps: callSteps } of fresh) {
    const policy = ctx.policies.get(parsed.call.policy_id!)!;
    const { columns, transferDueAt } = dueColumnsOf(parsed.call, parsed.transfers, callSteps.map((s) => s.at), policy);
    // The parsed call becomes the row in place: copying 100,000 objects of fifty fields cost more than inserting them.
    const row: BulkCall = Object.assign(parsed.call, columns, { policy_id: ctx.policyId(parsed.call.policy_id!), import_batch: ctx.batchId });
    const id = writer.call(row);
    firstId ||= id;
    lastId = id;
    parsed.transfers.forEach((t, n) =>
      writer.transfer(id, { seq: n + 1, to_owner: t.to_owner, transferred_at: t.transferred_at, answered_at: t.answered_at, due_at: transferDueAt[n] ?? null }),
    );
    for (const s of callSteps) writer.step(id, s);
    for (const r of parsed.reasons) writer.reason(id, r, ctx.actor, ctx.now);
  }
  return { steps: writer.flush(), firstId, lastId };
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
  const rows = await recordsOfDesksBetween(db, desks, dates[0]!, dates[dates.length - 1]!);
  for (const r of rows) numbers.set(`${r.desk_code}\u0000${r.record_no}`, { record_no: r.record_no, source_ref: r.source_ref, call_at: r.call_at, time_zone: r.time_zone });
  const wanted = [...new Set(calls.map((c) => c.parsed.call.source_ref).filter((r): r is string => r !== null))];
  for (let i = 0; i < wanted.length; i += REFS_PER_QUERY) {
    const found = await recordNosBySourceRef(db, desks, wanted.slice(i, i + REFS_PER_QUERY));
    for (const r of found) refs.set(`${r.desk_code}\u0000${r.source_ref}`, r.record_no);
  }
  return { numbers, refs };
}
