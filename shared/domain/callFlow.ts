import type { CallRecord } from '../api/records';
import type { ApiError, ErrorCode } from '../api/result';

/**
 * The call's state machine: which one-click moment may follow which, and what closing needs.
 * The handlers refuse a moment with the code this rule gives, and the desk's buttons are
 * enabled exactly when it allows them, so a button is enabled when its request would be
 * accepted for the record as it stands. Only what the record itself says is judged here:
 * refusals that depend on the clock or on what is typed (a time in the future or out of
 * order, a missed target's reason at close, an empty step) stay with the handlers, which
 * show them after the press.
 */

export const CALL_MOMENTS = ['start', 'answer', 'transfer', 'answerTransfer', 'addStep', 'close'] as const;
export type CallMoment = (typeof CALL_MOMENTS)[number];

/** Why the record's state refuses a moment: each one an error code with its text in both dictionaries. */
export type FlowRefusalCode = Extract<
  ErrorCode,
  'record_voided' | 'already_closed' | 'already_answered' | 'not_answered' | 'transfer_pending' | 'no_open_transfer' | 'result_required' | 'feedback_reason_required'
>;

export type MomentVerdict = { allowed: true } | { allowed: false; code: FlowRefusalCode };

/** What the rule reads of a record: the CallRecord the renderer holds has it all. */
export type FlowRecord = Pick<CallRecord, 'recordNo' | 'answeredAt' | 'closedAt' | 'result' | 'feedback' | 'feedbackReason' | 'voided'> & {
  transfers: ReadonlyArray<{ answeredAt: number | null }>;
};

const ALLOWED: MomentVerdict = { allowed: true };
const refused = (code: FlowRefusalCode): MomentVerdict => ({ allowed: false, code });

/**
 * Whether `moment` may be logged on `record` now, or the code it is refused with.
 * @example momentVerdict(ringingCall, 'close') // { allowed: false, code: 'not_answered' }
 */
export function momentVerdict(record: FlowRecord, moment: CallMoment): MomentVerdict {
  // A new call is its own record: nothing about the one on screen stands in its way.
  if (moment === 'start') return ALLOWED;
  // A voided record is kept as it was voided.
  if (record.voided !== null) return refused('record_voided');
  // Steps may follow a closed call: a follow-up is logged on the same record.
  if (moment === 'addStep') return ALLOWED;
  const pendingTransfer = record.transfers.some((t) => t.answeredAt === null);
  if (moment === 'answerTransfer') return pendingTransfer ? ALLOWED : refused(record.closedAt !== null ? 'already_closed' : 'no_open_transfer');
  if (record.closedAt !== null) return refused('already_closed');
  if (moment === 'answer') return record.answeredAt === null ? ALLOWED : refused('already_answered');
  if (record.answeredAt === null) return refused('not_answered');
  if (pendingTransfer) return refused('transfer_pending');
  if (moment === 'transfer') return ALLOWED;
  // Closing needs a result chosen, and a reason when the customer was unsatisfied.
  if (record.result === null) return refused('result_required');
  if (record.feedback === 'unsatisfied' && !record.feedbackReason) return refused('feedback_reason_required');
  return ALLOWED;
}

/** Every moment's verdict for `record`, as the action bar shows them. */
export function callFlowOf(record: FlowRecord): Record<CallMoment, MomentVerdict> {
  return Object.fromEntries(CALL_MOMENTS.map((m) => [m, momentVerdict(record, m)])) as Record<CallMoment, MomentVerdict>;
}

/** The input each refusal belongs next to (ApiError.field); the action bar itself when there is none. */
const REFUSAL_FIELD: Partial<Record<FlowRefusalCode, string>> = {
  transfer_pending: 'transferTo',
  result_required: 'result',
  feedback_reason_required: 'feedbackReason',
};

/**
 * A refusal as it crosses the process boundary (without its English message, which the
 * handler adds): the same code, field and data whether the handler refused the press or
 * the renderer says why the button is disabled.
 */
export function flowRefusal(record: FlowRecord, code: FlowRefusalCode): Omit<ApiError, 'message'> {
  const field = REFUSAL_FIELD[code];
  return {
    code,
    ...(field === undefined ? {} : { field }),
    ...(code === 'record_voided' ? { problems: [record.recordNo] } : {}),
  };
}
