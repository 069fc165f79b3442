import { readStepText } from '../../shared/domain/followUpStep';
import type { CallRecord, CallSummary, MissReasonView, PhoneFacts } from '../../shared/api/records';
import type { CallResult, Category, CustomerType, Feedback, MissReasonCode, RequestType } from '../../shared/domain/fields';
import { TARGET_KINDS, type TargetKind, type TimingInput } from '../../shared/timing/compliance';
import { minutesBetween, overallScore } from '../../shared/timing/durations';
import type { CallRow, MissReasonRow, PhoneCallRow, StepRow, TransferRow } from '../store/schema';

/** Rows → the plain data the renderer reads; durations and timing facts derived here, never stored. */

export function timingOf(row: CallRow, transfers: readonly TransferRow[], lastStepAt: number | null): TimingInput {
  return {
    callAt: row.call_at,
    answeredAt: row.answered_at,
    priority: row.priority,
    requestType: row.request_type,
    transfers: transfers.map((t) => ({ transferredAt: t.transferred_at, answeredAt: t.answered_at })),
    lastUpdateAt: lastStepAt,
    result: row.result,
    resolvedAt: row.resolved_at,
    resultToldAt: row.result_told_at,
    closedAt: row.closed_at,
    feedback: row.feedback,
    scores: [row.score_speed, row.score_professionalism, row.score_resolution],
    texts: [row.reason, row.feedback_reason],
    callbackDoneAt: row.callback_done_at,
    leadFollowUpDoneAt: row.lead_follow_up_done_at,
    untracked: untrackedOf(row.untracked_targets),
  };
}

/** The stored list of targets an imported sheet never tracked ('callback,leadFollowUp'); unknown names are ignored. */
export function untrackedOf(stored: string | null): TargetKind[] {
  if (stored === null || stored === '') return [];
  return stored.split(',').filter((k): k is TargetKind => (TARGET_KINDS as readonly string[]).includes(k));
}

const toReasonView = (r: MissReasonRow): MissReasonView => ({
  kind: r.kind as TargetKind,
  index: r.idx,
  code: r.code as MissReasonCode,
  text: r.text,
  author: r.author,
  at: r.at,
});

export function toCallRecord(row: CallRow, transfers: TransferRow[], steps: StepRow[], reasons: MissReasonRow[]): CallRecord {
  const lastStepAt = steps.length > 0 ? Math.max(...steps.map((s) => s.at)) : null;
  return {
    ...toCallSummary(row, transfers, lastStepAt, reasons),
    deskCode: row.desk_code,
    localDate: row.local_date,
    timeZone: row.time_zone,
    phoneLast4: row.phone_last4,
    customerType: row.customer_type as CustomerType | null,
    requestType: row.request_type as RequestType | null,
    handler: row.handler,
    transfers: transfers.map((t) => ({
      seq: t.seq,
      to: t.to_owner,
      transferredAt: t.transferred_at,
      answeredAt: t.answered_at,
      secondResponseMinutes: minutesBetween(t.transferred_at, t.answered_at),
    })),
    steps: steps.map((s) => ({ n: s.n, at: s.at, author: s.author, ...readStepText(s.text) })),
    followUpDueAt: row.follow_up_due_at,
    followUpOwner: row.follow_up_owner,
    resultNote: row.result_note,
    feedback: row.feedback as Feedback | null,
    feedbackReason: row.feedback_reason,
    scoreSpeed: row.score_speed,
    scoreProfessionalism: row.score_professionalism,
    scoreResolution: row.score_resolution,
    overallScore: overallScore([row.score_speed, row.score_professionalism, row.score_resolution]),
    remarks: row.remarks,
    resolvedAt: row.resolved_at,
    resultToldAt: row.result_told_at,
    callbackDoneAt: row.callback_done_at,
    callbackBy: row.callback_by,
    callbackOutcome: row.callback_outcome,
    leadFollowUpDoneAt: row.lead_follow_up_done_at,
    leadFollowUpBy: row.lead_follow_up_by,
    leadFollowUpOutcome: row.lead_follow_up_outcome,
    missReasons: reasons.map(toReasonView),
    clockBehindMs: row.clock_behind_ms,
    sourceRef: row.source_ref,
    voided: row.voided_at === null ? null : { at: row.voided_at, by: row.voided_by ?? '', reason: row.void_reason ?? '' },
    // The phone facts are another table's: loadRecord reads them for this desk's own records.
    phone: null,
  };
}

export function toCallSummary(row: CallRow, transfers: readonly TransferRow[], lastStepAt: number | null, reasons: readonly MissReasonRow[]): CallSummary {
  return {
    id: row.id,
    recordNo: row.record_no,
    callAt: row.call_at,
    answeredAt: row.answered_at,
    responseMinutes: minutesBetween(row.call_at, row.answered_at),
    salutation: row.salutation,
    reason: row.reason,
    category: row.category as Category | null,
    priority: row.priority,
    result: row.result as CallResult | null,
    closedAt: row.closed_at,
    agent: row.agent,
    policyVersion: row.policy_id,
    timing: timingOf(row, transfers, lastStepAt),
    reasonsGiven: reasons.map((r) => ({ kind: r.kind as TargetKind, index: r.idx })),
    voidedAt: row.voided_at,
  };
}

/** A phone_calls row as the record shows it; the talk time worked out from answer and hang-up where the phone system gave none. */
export function toPhoneFacts(row: PhoneCallRow | undefined): PhoneFacts | null {
  if (!row) return null;
  const worked = row.answered_at !== null && row.ended_at !== null ? Math.max(0, (row.ended_at - row.answered_at) / 1000) : null;
  return { source: row.system, answeredAt: row.answered_at, endedAt: row.ended_at, cause: row.cause, waitSec: row.wait_sec, talkSec: row.talk_sec ?? worked };
}
