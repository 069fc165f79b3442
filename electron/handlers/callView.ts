import type { CallRecord, CallSummary } from '../../shared/api/records';
import type { CallResult, Category, CustomerType, Feedback, Priority, RequestType } from '../../shared/domain/fields';
import { minutesBetween, overallScore } from '../../shared/timing/durations';
import type { CallRow, StepRow, TransferRow } from '../store/schema';

/** Rows → the plain record the renderer reads; durations derived here, never stored. */
export function toCallRecord(row: CallRow, transfers: TransferRow[], steps: StepRow[]): CallRecord {
  return {
    id: row.id,
    deskCode: row.desk_code,
    recordNo: row.record_no,
    localDate: row.local_date,
    timeZone: row.time_zone,
    agent: row.agent,
    callAt: row.call_at,
    answeredAt: row.answered_at,
    responseMinutes: minutesBetween(row.call_at, row.answered_at),
    salutation: row.salutation,
    phoneLast4: row.phone_last4,
    customerType: row.customer_type as CustomerType | null,
    requestType: row.request_type as RequestType | null,
    category: row.category as Category | null,
    priority: row.priority as Priority | null,
    reason: row.reason,
    handler: row.handler,
    transfers: transfers.map((t) => ({
      seq: t.seq,
      to: t.to_owner,
      transferredAt: t.transferred_at,
      answeredAt: t.answered_at,
      secondResponseMinutes: minutesBetween(t.transferred_at, t.answered_at),
    })),
    steps: steps.map((s) => ({ n: s.n, at: s.at, author: s.author, text: s.text })),
    result: row.result as CallResult | null,
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
    closedAt: row.closed_at,
  };
}

export function toCallSummary(row: CallRow): CallSummary {
  return {
    id: row.id,
    recordNo: row.record_no,
    callAt: row.call_at,
    answeredAt: row.answered_at,
    responseMinutes: minutesBetween(row.call_at, row.answered_at),
    salutation: row.salutation,
    reason: row.reason,
    category: row.category as Category | null,
    priority: row.priority as Priority | null,
    result: row.result as CallResult | null,
    closedAt: row.closed_at,
    agent: row.agent,
  };
}
