import { performance } from 'node:perf_hooks';
import type { Kysely } from 'kysely';
import { versionInForceAt } from '../../shared/policy/inForce';
import type { Policy } from '../../shared/policy/schema';
import { writeJudgements, type JudgementWrite } from '../store/judgementWrites';
import { rawConnectionOf } from '../store/openDb';
import { countRejudged } from '../store/policyAudit';
import { listPolicies } from '../store/policies';
import { callIdsInSpan, callIdsOnSignedOffDays, signedOffDaysInSpan, type PolicySpan, type SignedOffDay } from '../store/policySpans';
import type { TouchedDay } from '../store/rollups';
import type { Database } from '../store/schema';
import { inWriteTransaction } from '../store/writeTransaction';
import { judgeCalls, judgementChanges, type Rejudged } from './judgeCalls';
import { holdingWriteAsync } from '../store/requestGate';
import { betweenChunks, ChunkSizer } from '../store/rhythm';

/**
 * Records per read of the impact, and the first write transaction's size: the
 * writes then follow what their transactions took (store/rhythm.ts), about
 * 15 ms each, so an agent's click never waits long behind a re-judge of a
 * year of history.
 */
export const REJUDGE_CHUNK = 300;

/** What making a version in force over a span would change, before anything does. */
export interface RejudgeImpact {
  /** Calls whose call time falls in the span: each takes the new version. */
  records: number;
  /** Of those, how many get other due times (or breach summary). */
  dueTimesChanged: number;
  /** Of those, how many get another outcome: met ↔ late, a missed target, overdue now. */
  verdictsChanged: number;
  /**
   * Signed-off days whose records really change (a due time or a verdict), each with how
   * many do: these need a reason. A signed-off day whose records only take the new version
   * number, judged the same, is not listed.
   */
  signedOffDays: SignedOffDay[];
}

export interface RejudgeProgress {
  done: number;
  total: number;
}

const dayKey = (d: { deskCode: string; localDate: string }) => `${d.deskCode}\u0000${d.localDate}`;
/** A re-judge changes a record when it moves a due time (or the breach summary) or its verdict. */
const changes = (j: Rejudged) => j.dueChanged || j.verdictChanged;

/** Counts, per signed-off day, the judged records that change; keeps the days with any. */
function changingDays(signedOff: readonly SignedOffDay[], judged: readonly Rejudged[]): SignedOffDay[] {
  const counts = new Map<string, number>();
  for (const j of judged) {
    if (!changes(j)) continue;
    const key = dayKey({ deskCode: j.row.desk_code, localDate: j.row.local_date });
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return signedOff.flatMap((d) => (counts.has(dayKey(d)) ? [{ ...d, records: counts.get(dayKey(d))! }] : []));
}

/**
 * Counts what re-judging `span` by `policy` would change, writing nothing.
 * @example const impact = await previewRejudge(db, { from, until: null }, candidate, Date.now())
 */
export async function previewRejudge(db: Kysely<Database>, span: PolicySpan, policy: Policy, now: number): Promise<RejudgeImpact> {
  const ids = await callIdsInSpan(db, span);
  const signedOff = await signedOffDaysInSpan(db, span);
  const onSignedOff = new Set(signedOff.map(dayKey));
  let dueTimesChanged = 0;
  let verdictsChanged = 0;
  const judgedOnSignedOff: Rejudged[] = [];
  for (let i = 0; i < ids.length; i += REJUDGE_CHUNK) {
    for (const j of await judgeCalls(db, ids.slice(i, i + REJUDGE_CHUNK), policy, now)) {
      if (j.dueChanged) dueTimesChanged++;
      if (j.verdictChanged) verdictsChanged++;
      if (changes(j) && onSignedOff.has(dayKey({ deskCode: j.row.desk_code, localDate: j.row.local_date }))) judgedOnSignedOff.push(j);
    }
  }
  return { records: ids.length, dueTimesChanged, verdictsChanged, signedOffDays: changingDays(signedOff, judgedOnSignedOff) };
}

/**
 * The signed-off days of `span` whose records `policy` would really change (see
 * RejudgeImpact.signedOffDays), judging only the records of signed-off days.
 * Also returns every signed-off day of the span, judged or not, so a caller can
 * tell cheaply whether another day was signed off since.
 * @example const { changing } = await signedOffChanges(db, span, policy, Date.now())
 */
export async function signedOffChanges(db: Kysely<Database>, span: PolicySpan, policy: Policy, now: number): Promise<{ inSpan: SignedOffDay[]; changing: SignedOffDay[] }> {
  const inSpan = await signedOffDaysInSpan(db, span);
  if (inSpan.length === 0) return { inSpan, changing: [] };
  const ids = await callIdsOnSignedOffDays(db, span);
  const judged: Rejudged[] = [];
  for (let i = 0; i < ids.length; i += REJUDGE_CHUNK) judged.push(...(await judgeCalls(db, ids.slice(i, i + REJUDGE_CHUNK), policy, now)).filter(changes));
  return { inSpan, changing: changingDays(inSpan, judged) };
}

/** Everything a re-judge needs, as plain data: the job can move to a worker thread as it is. */
export interface RejudgeJob {
  span: PolicySpan;
  policyId: number;
  policy: Policy;
  actor: string;
  actorId: number | null;
  /** The admin's reason, kept with each record's audit rows; null: none given. */
  reason: string | null;
  now: number;
  /** The policy trail row whose counts each chunk adds to, in its own transaction. */
  trailId?: number;
}

/**
 * Re-judges every call of the span by the job's version: its policy_id, all
 * due columns, the breach summary and its transfers' due times, by the same
 * timing core the app uses, in chunks sized to hold the lock about 15 ms
 * (store/rhythm.ts), each its own short write transaction that re-reads its
 * records under the lock, with the requests being answered let in between. Each
 * record that changes gets its audit rows in the same transaction. The rollups
 * of the chunk's days are rebuilt in it too (store/judgementWrites.ts), so the
 * statistics stay exact as it goes.
 * Idempotent: run again (after an interruption) it changes only what is left.
 * Returns what this run changed (the trail row, if any, holds the total).
 * @example await rejudgeSpan(db, job, ({ done, total }) => console.log(`${done}/${total}`))
 */
export async function rejudgeSpan(db: Kysely<Database>, job: RejudgeJob, onProgress?: (p: RejudgeProgress) => void): Promise<{ records: number; verdictsChanged: number }> {
  const ids = await callIdsInSpan(db, job.span);
  let records = 0;
  let verdictsChanged = 0;
  const sizer = new ChunkSizer(REJUDGE_CHUNK);
  for (let i = 0; i < ids.length; ) {
    if (i > 0) await betweenChunks();
    const chunk = ids.slice(i, i + sizer.size);
    await holdingWriteAsync(() => inWriteTransaction(db, async (trx) => {
      const started = performance.now();
      const writes: JudgementWrite[] = [];
      const days = new Map<string, TouchedDay>();
      let chunkVerdicts = 0;
      // Read under the lock: a version saved meanwhile (another admin, another window) keeps its own span.
      const versions = (await listPolicies(trx)).map((v) => ({ id: v.id, effectiveFrom: v.effective_from }));
      for (const j of await judgeCalls(trx, chunk, job.policy, job.now)) {
        // Only the records this version is in force for (a call time corrected since the ids were read stays as it is).
        if (versionInForceAt(versions, j.row.call_at)?.id !== job.policyId) continue;
        const changes = judgementChanges(j, job.policyId);
        if (changes.length === 0 && !j.dueChanged) continue;
        if (j.verdictChanged) chunkVerdicts++;
        days.set(`${j.row.desk_code}\u0000${j.row.local_date}`, { desk_code: j.row.desk_code, local_date: j.row.local_date });
        writes.push({
          id: j.row.id,
          judgement: { policy_id: job.policyId, ...j.columns },
          transfers: j.transfers.flatMap((t, i) => (t.due_at === j.transferDueAt[i] ? [] : [{ seq: t.seq, dueAt: j.transferDueAt[i] ?? null }])),
          audit: changes.map((c) => ({ call_id: j.row.id, actor: job.actor, actor_id: job.actorId, at: job.now, reason: job.reason, ...c })),
        });
      }
      writeJudgements(rawConnectionOf(db), [...days.values()], writes);
      records += writes.length;
      verdictsChanged += chunkVerdicts;
      if (job.trailId !== undefined) await countRejudged(trx, job.trailId, { records: writes.length, verdictsChanged: chunkVerdicts });
      sizer.took(chunk.length, performance.now() - started);
    }));
    i += chunk.length;
    onProgress?.({ done: i, total: ids.length });
  }
  return { records, verdictsChanged };
}
