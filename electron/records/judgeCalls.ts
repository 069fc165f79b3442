import type { Kysely } from 'kysely';
import type { Policy } from '../../shared/policy/schema';
import { evaluateTargets } from '../../shared/timing/compliance';
import { timingOf } from './callView';
import { dueColumnsOf, type DueColumns } from './dueColumns';
import { callsByIds } from '../store/policySpans';
import { lastStepTimes, listTransfersOf } from '../store/calls';
import type { CallRow, Database, TransferRow } from '../store/schema';

/** One call judged again by a policy: what is stored, what the policy gives, and what differs. */
export interface Rejudged {
  row: CallRow;
  transfers: TransferRow[];
  columns: DueColumns;
  /** Second-response due time of each transfer, by seq − 1. */
  transferDueAt: Array<number | null>;
  /** Any due time (or the breach summary) differs from what is stored. */
  dueChanged: boolean;
  /** A target's outcome differs: met ↔ late, a missed target, overdue now. */
  verdictChanged: boolean;
}

const DUE_KEYS = ['response_due_at', 'resolution_due_at', 'transfer_due_at', 'told_due_at', 'callback_due_at', 'lead_due_at', 'ended_breach', 'next_due_at'] as const;

/** Readable audit field names of the due columns (the breach summary is audited apart, next_due_at follows from the others). */
const AUDIT_FIELDS: Partial<Record<(typeof DUE_KEYS)[number], string>> = {
  response_due_at: 'responseDue',
  resolution_due_at: 'resolutionDue',
  transfer_due_at: 'transferWithinDue',
  told_due_at: 'resultToldDue',
  callback_due_at: 'callbackDue',
  lead_due_at: 'leadFollowUpDue',
};

/**
 * The outcome of a record's targets as the statistics count them (the rollups'
 * response_met / resolved_in_target, ended_breach) and as the review shows them
 * (overdue now): two judgements with the same outcome are the same verdict.
 * @example verdictOf({ ...row, answered_at: 10, response_due_at: 5 }, now) // ['late', …]
 */
export function verdictOf(c: Pick<CallRow, 'answered_at' | 'resolved_at'> & DueColumns, now: number): string {
  const within = (done: number | null, due: number | null) => (due === null ? 'na' : done !== null ? (done <= due ? 'met' : 'late') : due <= now ? 'late' : 'open');
  return [within(c.answered_at, c.response_due_at), within(c.resolved_at, c.resolution_due_at), c.ended_breach ?? 0, c.next_due_at !== null && c.next_due_at <= now ? 1 : 0].join('|');
}

/**
 * Judges a chunk of calls by `policy` with the timing core, exactly as
 * refreshDueTimes (records/callRecord.ts) would, with three queries for the
 * whole chunk instead of five per call.
 * @example const judged = await judgeCalls(trx, [1, 2, 3], policy, Date.now())
 */
export async function judgeCalls(db: Kysely<Database>, ids: readonly number[], policy: Policy, now: number): Promise<Rejudged[]> {
  const [rows, transfers, lastSteps] = await Promise.all([callsByIds(db, ids), listTransfersOf(db, ids), lastStepTimes(db, ids)]);
  const transfersOf = new Map<number, TransferRow[]>();
  for (const t of transfers) transfersOf.set(t.call_id, [...(transfersOf.get(t.call_id) ?? []), t]);
  return rows.map((row) => {
    const own = transfersOf.get(row.id) ?? [];
    const { columns, transferDueAt } = dueColumnsOf(evaluateTargets(timingOf(row, own, lastSteps.get(row.id) ?? null), policy, now));
    const dues = own.map((_, i) => transferDueAt[i] ?? null);
    const dueChanged = DUE_KEYS.some((k) => row[k] !== columns[k]) || own.some((t, i) => t.due_at !== dues[i]);
    const verdictChanged = verdictOf(row, now) !== verdictOf({ ...row, ...columns }, now);
    return { row, transfers: own, columns, transferDueAt: dues, dueChanged, verdictChanged };
  });
}

/**
 * What changed on one re-judged call, as audit rows keep it: language-neutral
 * data (version numbers, epoch ms, 1/0), labelled in the reader's language and
 * the record's zone when shown (renderer/src/features/review/auditText.ts).
 */
export function judgementChanges(j: Rejudged, policyId: number): Array<{ field: string; old_value: string | null; new_value: string | null }> {
  const ms = (value: number | null) => (value === null ? null : String(value));
  const changes: Array<{ field: string; old_value: string | null; new_value: string | null }> = [];
  if (j.row.policy_id !== policyId) changes.push({ field: 'policy', old_value: ms(j.row.policy_id), new_value: String(policyId) });
  for (const [key, field] of Object.entries(AUDIT_FIELDS) as Array<[(typeof DUE_KEYS)[number], string]>) {
    if (j.row[key] !== j.columns[key]) changes.push({ field, old_value: ms(j.row[key]), new_value: ms(j.columns[key]) });
  }
  if ((j.row.ended_breach ?? 0) !== (j.columns.ended_breach ?? 0)) {
    changes.push({ field: 'missedTarget', old_value: j.row.ended_breach ? '1' : '0', new_value: j.columns.ended_breach ? '1' : '0' });
  }
  j.transfers.forEach((t, i) => {
    if (t.due_at !== j.transferDueAt[i]) changes.push({ field: `transfer#${t.seq}.secondResponseDue`, old_value: ms(t.due_at), new_value: ms(j.transferDueAt[i] ?? null) });
  });
  return changes;
}
