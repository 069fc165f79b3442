import { followUpStepText } from '../../shared/domain/followUpStep';
import type { FollowUpItem, FollowUpKind } from '../../shared/api/records';
import { HotlineError } from '../../shared/api/result';
import { cleanText } from '../../shared/domain/text';
import { evaluateTargets } from '../../shared/timing/compliance';
import { byUrgency, followUpsOf } from '../../shared/timing/followUps';
import { insertStep, lastStepTimes, listOpenWork, listTransfersOf, updateCall } from '../store/calls';
import type { CallUpdate } from '../store/schema';
import { changeRecord, targetsOf } from '../records/callRecord';
import { timingOf } from '../records/callView';
import { requireDesk, type Handler } from './context';
import { currentPolicy, policyOf } from '../records/policies';

/**
 * The Follow-ups view: in-progress records by resolution due time, progress
 * updates due, results to tell, callbacks, and low-satisfaction follow-ups.
 * Overdue first, then by due time.
 */
export const listFollowUps: Handler<'listFollowUps'> = async (_req, { db, now }) => {
  const desk = await requireDesk(db);
  const { policy: current } = await currentPolicy(db, now());
  const rows = await listOpenWork(db, desk.code, current.lowScoreAtMost);
  const ids = rows.map((r) => r.id);
  const [transfers, lastSteps] = await Promise.all([listTransfersOf(db, ids), lastStepTimes(db, ids)]);
  const at = now();
  const items: FollowUpItem[] = [];
  for (const row of rows) {
    const { policy } = await policyOf(db, row.policy_id);
    const timing = timingOf(row, transfers.filter((t) => t.call_id === row.id), lastSteps.get(row.id) ?? null);
    const subject = { callId: row.id, recordNo: row.record_no, salutation: row.salutation, reason: row.reason, promisedAt: row.follow_up_due_at, owner: row.follow_up_owner ?? row.handler };
    items.push(...followUpsOf(subject, evaluateTargets(timing, policy, at), at));
  }
  return items.sort(byUrgency);
};
/** Completing a follow-up logs a step on the same record and stops that target's clock. */
export const completeFollowUp: Handler<'completeFollowUp'> = (req, ctx) =>
  changeRecord(ctx, req, async ({ trx, row, user, now }) => {
    const outcome = cleanText(req.outcome);
    if (outcome === '') throw new HotlineError('outcome_required', 'Say what came of it.', `outcome-${req.kind}`);
    const open = (await targetsOf(trx, row, now)).find((t) => t.kind === req.kind && t.state !== 'na' && t.endAt === null);
    if (!open) throw new HotlineError('follow_up_not_open', 'That follow-up is not open on this record.', `outcome-${req.kind}`);
    const changes: Record<FollowUpKind, CallUpdate> = {
      // Resolving on a follow-up contact tells the customer in the same breath.
      resolution: { result: 'resolved', resolved_at: now, result_told_at: now, follow_up_due_at: null },
      progressUpdate: {},
      resultTold: { result_told_at: now },
      callback: { callback_done_at: now, callback_by: user.name, callback_outcome: outcome },
      leadFollowUp: { lead_follow_up_done_at: now, lead_follow_up_by: user.name, lead_follow_up_outcome: outcome },
    };
    const update = changes[req.kind];
    if (Object.keys(update).length > 0) await updateCall(trx, row.id, update);
    await insertStep(trx, row.id, now, user.name, followUpStepText(req.kind, outcome));
  });
