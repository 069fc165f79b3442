import { sql, type Kysely } from 'kysely';
import type { Database, MissReasonRow, NewCall, StepRow, TransferRow } from '../store/schema';
import { inWriteTransaction } from '../store/writeTransaction';
import { dueColumnsOf } from './dueTimes';
import type { ParsedCall, PolicyVersionRef } from './importRow';

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

/** Rows per INSERT: well under SQLite's 32,766 bound variables with 49 columns, and few statements to compile. */
const CHUNK = 400;

async function insertChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

/**
 * Inserts the calls not already present (same desk code and record number),
 * with their transfers, steps and miss reasons, due times worked out as the
 * app does, and each desk's day serial raised past the highest imported one,
 * so that calls logged later never take an imported number.
 */
export async function writeImport(db: Kysely<Database>, calls: ReadyCall[], plan: PolicyPlan, who: { actor: string; now: number }): Promise<{ imported: number; skipped: number; steps: number }> {
  // Seven indexes on calls: a larger page cache keeps their pages in memory while 100,000 rows go in
  // (a quarter of the write time). The connection is the app's, so its own size is put back after.
  const cache = await sql<{ cache_size: number }>`PRAGMA cache_size`.execute(db);
  await sql`PRAGMA cache_size = -65536`.execute(db);
  try {
    return await insertAll(db, calls, plan, who);
  } finally {
    await sql.raw(`PRAGMA cache_size = ${Number(cache.rows[0]?.cache_size ?? -2000)}`).execute(db);
  }
}

function insertAll(db: Kysely<Database>, calls: ReadyCall[], plan: PolicyPlan, who: { actor: string; now: number }): Promise<{ imported: number; skipped: number; steps: number }> {
  return inWriteTransaction(db, async (trx) => {
    const current = await trx.selectFrom('policies').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const expected = plan.versions.length - (plan.create ? 1 : 0);
    if (Number(current.n) !== expected) throw new Error('The timing policy changed while the file was being read; import it again.');
    let policyId = (id: number) => id;
    if (plan.create) {
      const { placeholderId, json, createdBy } = plan.create;
      const created = await trx.insertInto('policies').values({ effective_from: 0, created_at: who.now, created_by: createdBy, json }).returning('id').executeTakeFirstOrThrow();
      policyId = (id) => (id === placeholderId ? created.id : id);
    }
    const policies = new Map(plan.versions.map((v) => [v.id, v.policy]));

    const present = await existingKeys(trx, calls);
    const fresh = calls.filter((c) => !present.has(`${c.parsed.call.desk_code}\u0000${c.parsed.call.record_no}`));
    const skipped = calls.length - fresh.length;
    if (fresh.length === 0) return { imported: 0, skipped, steps: 0 };

    // Ids are handed out here, under the write lock, so that children can refer to their call without a read-back.
    const top = await sql<{ top: number }>`SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'calls'), 0), coalesce((SELECT max(id) FROM calls), 0)) AS top`.execute(trx);
    let nextId = Number(top.rows[0]?.top ?? 0) + 1;

    const serials = new Map<string, { desk_code: string; local_date: string; last_serial: number }>();
    let steps = 0;
    // Built and written a chunk of calls at a time, so that no second copy of the whole file sits in memory.
    for (let i = 0; i < fresh.length; i += CHUNK) {
      const callRows: NewCall[] = [];
      const transferRows: Array<Omit<TransferRow, 'id'>> = [];
      const stepRows: Array<Omit<StepRow, 'id'>> = [];
      const reasonRows: Array<Omit<MissReasonRow, 'id'>> = [];
      for (const { parsed, steps: callSteps } of fresh.slice(i, i + CHUNK)) {
        const id = nextId++;
        const policy = policies.get(parsed.call.policy_id!)!;
        const { columns, transferDueAt } = dueColumnsOf(parsed.call, parsed.transfers, callSteps.map((s) => s.at), policy);
        callRows.push({ id, ...parsed.call, policy_id: policyId(parsed.call.policy_id!), ...columns });
        parsed.transfers.forEach((t, n) => transferRows.push({ call_id: id, seq: n + 1, ...t, due_at: transferDueAt[n] ?? null }));
        for (const s of callSteps) stepRows.push({ call_id: id, ...s });
        for (const r of parsed.reasons) reasonRows.push({ call_id: id, ...r, author: who.actor, at: who.now });
        const day = `${parsed.call.desk_code}\u0000${parsed.call.local_date}`;
        const serial = serials.get(day);
        if (!serial) serials.set(day, { desk_code: parsed.call.desk_code, local_date: parsed.call.local_date, last_serial: parsed.serial });
        else serial.last_serial = Math.max(serial.last_serial, parsed.serial);
      }
      await trx.insertInto('calls').values(callRows).execute();
      await insertChunks(transferRows, (chunk) => trx.insertInto('transfers').values(chunk).execute());
      await insertChunks(stepRows, (chunk) => trx.insertInto('steps').values(chunk).execute());
      await insertChunks(reasonRows, (chunk) => trx.insertInto('miss_reasons').values(chunk).execute());
      steps += stepRows.length;
    }
    // A serial once used is never handed out again: the counter only ever goes up.
    await insertChunks([...serials.values()], (chunk) =>
      trx
        .insertInto('daily_serials')
        .values(chunk)
        .onConflict((oc) => oc.columns(['desk_code', 'local_date']).doUpdateSet({ last_serial: sql<number>`max(daily_serials.last_serial, excluded.last_serial)` }))
        .execute(),
    );
    return { imported: fresh.length, skipped, steps };
  });
}

/** Desk code + record number of the calls already stored, among the desks and days of the file. */
async function existingKeys(db: Kysely<Database>, calls: ReadyCall[]): Promise<Set<string>> {
  const present = new Set<string>();
  if (calls.length === 0) return present;
  const desks = [...new Set(calls.map((c) => c.parsed.call.desk_code))];
  const dates = calls.map((c) => c.parsed.call.local_date).sort();
  const rows = await db
    .selectFrom('calls')
    .select(['desk_code', 'record_no'])
    .where('desk_code', 'in', desks)
    .where('local_date', '>=', dates[0]!)
    .where('local_date', '<=', dates[dates.length - 1]!)
    .execute();
  for (const r of rows) present.add(`${r.desk_code}\u0000${r.record_no}`);
  return present;
}
