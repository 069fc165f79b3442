import type { Kysely } from 'kysely';
import type { PolicyImpact, PolicyTrailEntry, SavedPolicy } from '../../shared/api/policy';
import type { PolicyVersion } from '../../shared/api/records';
import { HotlineError } from '../../shared/api/result';
import { cleanText } from '../../shared/domain/text';
import { effectiveFromDate } from '../../shared/policy/effectiveFrom';
import { policySchema, type Policy } from '../../shared/policy/schema';
import { completePolicyAudit, insertPolicyAudit, listPolicyAudit, unfinishedPolicyAudits } from '../store/policyAudit';
import { findPolicy, insertPolicy, listPolicies, policyInForceAt } from '../store/policies';
import { nextVersionStart, signedOffDaysInSpan, type PolicySpan, type SignedOffDay } from '../store/policySpans';
import type { Database, PolicyAuditRow } from '../store/schema';
import { inWriteTransaction } from '../store/writeTransaction';
import { refuseWhileTeamManages } from './teamPolicy';
import { previewRejudge, rejudgeSpan, signedOffChanges, type RejudgeJob, type RejudgeProgress } from './rejudge';

/**
 * Where a re-judge can run: the bulk worker's runner (worker/bulkRunner.ts) is one.
 * Named here by what it is asked, because the worker imports the records and
 * not the other way round.
 */
export interface RejudgeRunner {
  run(job: { kind: 'rejudge'; job: RejudgeJob }, control?: { onProgress?: (done: number, total: number) => void }): Promise<unknown>;
}

/** Who saves a version, from where, and from when it is in force. */
export interface SaveVersionOptions {
  now: number;
  author: string;
  authorId: number | null;
  /** 'team': a version pulled from the team server (team/authored.ts). */
  source: 'screen' | 'cli' | 'team';
  /** YYYY-MM-DD: in force from that day 00:00 in the policy's zone; absent: from now. */
  effectiveFrom?: string | undefined;
  /** An instant decided elsewhere (a team version's start, set on the server): instead of effectiveFrom. */
  effectiveAt?: number;
  /** Runs in the transaction that writes the version, with its id (the team's map of versions), so neither is kept without the other. */
  alongside?: (trx: Kysely<Database>, policyId: number) => Promise<void>;
  /** Why; required when the re-judge changes a signed-off day's records (a due time or a verdict). */
  reason?: string | undefined;
  onProgress?: (p: RejudgeProgress) => void;
  /** Where the re-judge runs: the bulk worker when the app serves clicks; absent: on `db`. */
  runner?: RejudgeRunner;
}

/**
 * The instant a version starts, refused next to the date field when the date is
 * malformed or after today. `undefined`: now (the behaviour before back-dating).
 * @example startOf('2026-09-01', policy, now) // 2026-09-01 00:00 in the policy's zone
 */
export function startOf(effectiveFrom: string | undefined, policy: Policy, now: number): number {
  if (effectiveFrom === undefined || effectiveFrom.trim() === '') return now;
  const parsed = effectiveFromDate(effectiveFrom.trim(), policy.calendar.timeZone, now);
  if (parsed.ok) return parsed.at;
  if (parsed.problem === 'future') {
    throw new HotlineError('effective_from_future', `${effectiveFrom.trim()} has not begun: a version can be in force from today at the latest.`, 'effectiveFrom');
  }
  // The typed text is not repeated: whatever was typed there (a phone number) stays out of messages and logs.
  throw new HotlineError('effective_from_invalid', 'The effective-from date is not a date: type it as YYYY-MM-DD, e.g. 2026-09-01.', 'effectiveFrom');
}

/** The same signed-off days with the same record counts: nothing was signed off (or re-opened) between two reads. */
function sameDays(a: readonly SignedOffDay[], b: readonly SignedOffDay[]): boolean {
  return a.length === b.length && a.every((d, i) => d.deskCode === b[i]!.deskCode && d.localDate === b[i]!.localDate && d.records === b[i]!.records);
}

/** The span a version starting at `from` would hold, given the versions already saved. */
async function spanFrom(db: Kysely<Database>, from: number): Promise<PolicySpan> {
  return { from, until: await nextVersionStart(db, from) };
}

/**
 * What saving `policy` from `effectiveFrom` would re-judge, writing nothing.
 * @example const impact = await previewVersion(db, policy, '2026-09-01', Date.now())
 */
export async function previewVersion(db: Kysely<Database>, policy: Policy, effectiveFrom: string | undefined, now: number): Promise<PolicyImpact> {
  await refuseWhileTeamManages(db);
  const span = await spanFrom(db, startOf(effectiveFrom, policy, now));
  const impact = await previewRejudge(db, span, policy, now);
  return { effectiveFrom: span.from, effectiveUntil: span.until, timeZone: policy.calendar.timeZone, ...impact };
}

/**
 * Saves a checked policy as a new version in force from `effectiveFrom` (or
 * now) until the next later version starts, and re-judges the records whose
 * call time falls in that span, in short chunks. A re-judge that would change
 * a signed-off day's records (a due time or a verdict, not just the version
 * number) is refused without a reason, before anything is written. The policy trail
 * gets its row with the version (completed with the counts once the last
 * chunk is in; an interrupted re-judge is resumed at start, resumeRejudges).
 * @example await saveVersion(db, policy, { now, author: '王管理', authorId: 1, source: 'screen', effectiveFrom: '2026-09-01' })
 */
export async function saveVersion(db: Kysely<Database>, policy: Policy, options: SaveVersionOptions): Promise<SavedPolicy> {
  const { now } = options;
  const from = options.effectiveAt ?? startOf(options.effectiveFrom, policy, now);
  const reason = options.reason === undefined ? null : cleanText(options.reason) || null;
  const json = JSON.stringify(policy);
  // Judging the signed-off days' records takes a while: done before the write lock, and again
  // under it only if the span or the signed-off days moved meanwhile (checked cheaply).
  const judgedSpan = await spanFrom(db, from);
  const judged = await signedOffChanges(db, judgedSpan, policy, now);
  const started = await inWriteTransaction(db, async (trx) => {
    const span = await spanFrom(trx, from);
    const same = span.until === judgedSpan.until && sameDays(await signedOffDaysInSpan(trx, span), judged.inSpan);
    // Only the signed-off days whose records really change (a due time or a verdict) need a reason.
    const signedOffDays = same ? judged.changing : (await signedOffChanges(trx, span, policy, now)).changing;
    if (signedOffDays.length > 0 && reason === null) {
      const days = signedOffDays.map((d) => d.localDate);
      throw new HotlineError('archived_needs_reason', `Signed-off days would change (${days.join(', ')}): say why.`, 'reason', days);
    }
    const id = await insertPolicy(trx, { effective_from: from, created_at: now, created_by: options.author, json });
    await options.alongside?.(trx, id);
    const trailId = await insertPolicyAudit(trx, {
      policy_id: id,
      actor: options.author,
      actor_id: options.authorId,
      at: now,
      source: options.source,
      effective_from: from,
      effective_until: span.until,
      reason,
      signed_off_days: JSON.stringify(signedOffDays.map(({ deskCode, localDate, records }) => ({ deskCode, localDate, records }))),
      completed_at: null,
    });
    return { id, trailId, span, signedOffDays };
  });
  const done = await finishRejudge(db, { trailId: started.trailId, policyId: started.id, policy, span: started.span, actor: options.author, actorId: options.authorId, reason, now }, options.onProgress, options.runner);
  const inForce = await policyInForceAt(db, now);
  return {
    version: started.id,
    effectiveFrom: from,
    effectiveUntil: started.span.until,
    createdBy: options.author,
    policy,
    recordsRejudged: done.records,
    verdictsChanged: done.verdictsChanged,
    signedOffDays: started.signedOffDays,
    inForceNow: inForce?.id === started.id,
  };
}

/** Runs a version's re-judge and completes its trail row; returns the row's totals (all runs, if it was resumed). */
async function finishRejudge(
  db: Kysely<Database>,
  job: { trailId: number; policyId: number; policy: Policy; span: PolicySpan; actor: string; actorId: number | null; reason: string | null; now: number },
  onProgress?: (p: RejudgeProgress) => void,
  runner?: RejudgeRunner,
): Promise<{ records: number; verdictsChanged: number }> {
  // The record's own 'policy' row names the version; the reason is the admin's words only, so the trail reads in any language.
  const { trailId, policyId, policy, span, actor, actorId, now, reason } = job;
  const rejudge = { span, policyId, policy, actor, actorId, reason, now, trailId };
  if (runner) await runner.run({ kind: 'rejudge', job: rejudge }, onProgress ? { onProgress: (done, total) => onProgress({ done, total }) } : {});
  else await rejudgeSpan(db, rejudge, onProgress);
  const row = await inWriteTransaction(db, (trx) => completePolicyAudit(trx, trailId, now));
  return { records: row.records_rejudged, verdictsChanged: row.verdicts_changed };
}

/**
 * Finishes the re-judges an earlier run left half done (the app closed mid-way):
 * re-judging is idempotent, so each picks up where it stopped. Costs one
 * indexed query when there is nothing to do.
 * @example await resumeRejudges(db, Date.now())
 */
export async function resumeRejudges(db: Kysely<Database>, now: number): Promise<number> {
  const unfinished = await unfinishedPolicyAudits(db);
  for (const row of unfinished) {
    const version = await findPolicy(db, row.policy_id);
    if (!version) continue;
    const policy = policySchema.parse(JSON.parse(version.json));
    const span = await spanFrom(db, row.effective_from);
    await finishRejudge(db, { trailId: row.id, policyId: row.policy_id, policy, span, actor: row.actor, actorId: row.actor_id, reason: row.reason, now });
  }
  return unfinished.length;
}

/**
 * The policy-level trail, newest first, as the Policy screen and the CLI show it,
 * each version with the span it holds now (a version followed by a later one
 * reads "until" that one's start, whatever it held when it was saved).
 * A version with no trail row of its own (the defaults a desk starts with, or
 * an import creates) is listed from what the version itself keeps.
 * @example (await policyTrail(db, (id) => policyOf(db, id)))[0].recordsRejudged
 */
export async function policyTrail(db: Kysely<Database>, versionOf: (id: number) => Promise<PolicyVersion>): Promise<PolicyTrailEntry[]> {
  const rows = await listPolicyAudit(db);
  const versions = await listPolicies(db);
  const untilOf = (id: number) => spanUntilNow(versions, id);
  const entries = await Promise.all(rows.map(async (r) => toTrailEntry(r, (await versionOf(r.policy_id)).policy.calendar.timeZone, untilOf(r.policy_id))));
  const traced = new Set(rows.map((r) => r.policy_id));
  for (const v of versions) {
    if (traced.has(v.id)) continue;
    const timeZone = (await versionOf(v.id)).policy.calendar.timeZone;
    entries.push({ version: v.id, actor: v.created_by, at: v.created_at, source: 'defaults', effectiveFrom: v.effective_from, effectiveUntil: untilOf(v.id), timeZone, reason: null, recordsRejudged: 0, verdictsChanged: 0, signedOffDays: [], completed: true });
  }
  return entries.sort((a, b) => b.at - a.at || b.version - a.version);
}

/**
 * Where a version's span ends as the versions stand now (a later save may have
 * cut it short): the next later start; its own start when a newer version starts
 * at the same instant (it was never in force); null when nothing follows it.
 * @example spanUntilNow([{ id: 1, effective_from: 0 }, { id: 2, effective_from: 50 }], 1) === 50
 */
export function spanUntilNow(versions: ReadonlyArray<{ id: number; effective_from: number }>, id: number): number | null {
  const own = versions.find((v) => v.id === id);
  if (!own) return null;
  let until: number | null = null;
  for (const v of versions) {
    const follows = v.effective_from > own.effective_from || (v.effective_from === own.effective_from && v.id > own.id);
    if (follows && (until === null || v.effective_from < until)) until = v.effective_from;
  }
  return until;
}

function toTrailEntry(r: PolicyAuditRow, timeZone: string, effectiveUntil: number | null): PolicyTrailEntry {
  return {
    version: r.policy_id,
    actor: r.actor,
    at: r.at,
    source: r.source,
    effectiveFrom: r.effective_from,
    effectiveUntil,
    timeZone,
    reason: r.reason,
    recordsRejudged: r.records_rejudged,
    verdictsChanged: r.verdicts_changed,
    // Rows since trial 10 also keep each day's count of changed records: the trail lists the days only.
    signedOffDays: (JSON.parse(r.signed_off_days) as Array<{ deskCode: string; localDate: string }>).map(({ deskCode, localDate }) => ({ deskCode, localDate })),
    completed: r.completed_at !== null,
  };
}
