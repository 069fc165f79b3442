import type { UpdatePatch } from '../../shared/api/contract';
import { HotlineError } from '../../shared/api/result';
import { lastFourDigits } from '../../shared/domain/privacy';
import { cleanText } from '../../shared/domain/text';
import { updateCall } from '../store/calls';
import type { CallUpdate } from '../store/schema';
import { changeRecord } from '../records/callRecord';
import { deadlineOf, type Handler } from './context';
import { policyOf } from '../records/policies';
import type { CallRow } from '../store/schema';
import { refuse } from '../../shared/i18n/refusals';

/** Free text: cleaned (controls, bidi overrides, long digit runs), and empty means cleared. */
const textOrNull = (value: string | null): string | null => {
  if (value === null) return null;
  const cleaned = cleanText(value);
  return cleaned === '' ? null : cleaned;
};

/** Only the last four digits of a phone number are ever kept, whatever was typed or pasted. */
function phoneOrNull(typed: string | null): string | null {
  if (typed === null || typed.trim() === '') return null;
  const last4 = lastFourDigits(typed);
  if (last4 === null) throw new HotlineError('phone_too_short', 'Type at least the last four digits.', 'phone');
  return last4;
}

function toColumns(patch: UpdatePatch): CallUpdate {
  const columns: CallUpdate = {};
  if (patch.salutation !== undefined) columns.salutation = textOrNull(patch.salutation);
  if (patch.phone !== undefined) columns.phone_last4 = phoneOrNull(patch.phone);
  if (patch.customerType !== undefined) columns.customer_type = patch.customerType;
  if (patch.requestType !== undefined) columns.request_type = patch.requestType;
  if (patch.category !== undefined) columns.category = patch.category;
  if (patch.priority !== undefined) columns.priority = patch.priority;
  if (patch.reason !== undefined) columns.reason = textOrNull(patch.reason);
  if (patch.handler !== undefined) columns.handler = textOrNull(patch.handler);
  if (patch.feedback !== undefined) columns.feedback = patch.feedback;
  if (patch.feedbackReason !== undefined) columns.feedback_reason = textOrNull(patch.feedbackReason);
  if (patch.scoreSpeed !== undefined) columns.score_speed = patch.scoreSpeed;
  if (patch.scoreProfessionalism !== undefined) columns.score_professionalism = patch.scoreProfessionalism;
  if (patch.scoreResolution !== undefined) columns.score_resolution = patch.scoreResolution;
  if (patch.remarks !== undefined) columns.remarks = textOrNull(patch.remarks);
  return columns;
}

/** Fields are saved as they are filled in, one or several at a time; the record stays editable after closing. */
export const updateCallFields: Handler<'updateCall'> = (req, ctx) =>
  changeRecord(ctx, req, async ({ trx, row }) => {
    if (req.patch.priority) {
      const { policy } = await policyOf(trx, row.policy_id);
      if (!policy.priorities.some((level) => level.key === req.patch.priority)) {
        throw refuse('unknown_priority', { priority: req.patch.priority }, 'priority');
      }
    }
    const columns = toColumns(req.patch);
    if (Object.keys(columns).length > 0) await updateCall(trx, row.id, columns);
  });

/**
 * The result and what it demands, validated together (seed 003): in progress
 * needs a follow-up due time and owner; cannot-resolve needs an explanation.
 */
export const setResult: Handler<'setResult'> = (req, ctx) =>
  changeRecord(ctx, req, async ({ trx, row, desk, now, ctx: click }) => {
    const owner = textOrNull(req.followUpOwner ?? null);
    const note = textOrNull(req.note ?? null);
    let dueAt: number | null = null;
    if (req.result === 'in_progress') {
      const typedDue = req.followUpDue?.trim() ?? '';
      if (typedDue === '') {
        throw new HotlineError('follow_up_due_required', 'A call in progress needs a follow-up due time.', 'followUpDue');
      }
      dueAt = deadlineOf(typedDue, desk.time_zone, click, 'followUpDue');
      if (owner === null) {
        throw new HotlineError('follow_up_owner_required', 'A call in progress needs a follow-up owner.', 'followUpOwner');
      }
    }
    if (req.result === 'cannot_resolve' && note === null) {
      throw new HotlineError('result_note_required', 'Explain why it cannot be resolved.', 'resultNote');
    }
    await updateCall(trx, row.id, {
      result: req.result,
      follow_up_due_at: dueAt,
      follow_up_owner: req.result === 'in_progress' ? owner : null,
      result_note: note,
      ...resolutionMoments(row, req.result, now),
    });
  });

/**
 * When a record becomes resolved, the resolution clock stops now. Resolved while
 * the customer is still on the line, the result is told at once; resolved later
 * (a follow-up), telling the customer is a step of its own (Follow-ups).
 * Re-opening the result clears both.
 */
function resolutionMoments(row: CallRow, result: string | null, now: number): Pick<CallUpdate, 'resolved_at' | 'result_told_at'> {
  if (result !== 'resolved') return { resolved_at: null, result_told_at: null };
  if (row.resolved_at !== null) return {};
  return { resolved_at: now, result_told_at: row.closed_at === null ? now : null };
}
