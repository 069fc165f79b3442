import type { ImportMoment } from '../../shared/api/archive';
import type { RecordColumnKey } from './columns';
import type { CallColumns, Fail } from './importShapes';

/**
 * The moments a sheet leaves out, worked out from those it gives. A time the
 * file gives is never replaced: a moment is inferred only where its column is
 * absent or its cell empty (issue 10). Seed sheets record no closing time; the
 * paper sheet no resolving or telling time either. A row with a result was
 * closed on the call, at its last recorded moment; one marked resolved was
 * resolved then unless the file says when, and told when it was resolved
 * (or resolved when it was told, seed 004's 反馈时间).
 * @example inferMoments(call, lastMoment) // ['closedAt', 'resultToldAt']
 */
export function inferMoments(call: CallColumns, lastMoment: number): ImportMoment[] {
  const inferred: ImportMoment[] = [];
  if (call.result === null) return inferred;
  if (call.closed_at === null && call.answered_at !== null) {
    call.closed_at = lastMoment;
    inferred.push('closedAt');
  }
  if (call.result !== 'resolved') return inferred;
  if (call.resolved_at === null) {
    call.resolved_at = call.result_told_at ?? lastMoment;
    inferred.push('resolvedAt');
  }
  if (call.result_told_at === null) {
    call.result_told_at = call.resolved_at;
    inferred.push('resultToldAt');
  }
  return inferred;
}

/**
 * The moments of a record in the order they can happen; a problem names the later one's column.
 * @example checkOrder(call, fail) // fail('closedAt', 'closed_before_answer') for a close before the answer
 */
export function checkOrder(call: CallColumns, fail: Fail): void {
  const start = call.answered_at ?? call.call_at;
  if (call.closed_at != null && call.answered_at == null) fail('closedAt', 'closed_unanswered');
  if (call.closed_at != null && call.closed_at < start) fail('closedAt', 'closed_before_answer');
  if (call.resolved_at != null && call.resolved_at < call.call_at) fail('resolvedAt', 'resolved_before_call');
  if (call.result_told_at != null && call.resolved_at != null && call.result_told_at < call.resolved_at) fail('resultToldAt', 'told_before_resolved');
  if (call.callback_done_at != null && call.callback_done_at < call.call_at) fail('callbackDone', 'callback_before_call');
  if (call.lead_follow_up_done_at != null && call.lead_follow_up_done_at < call.call_at) fail('leadFollowUpDone', 'follow_up_before_call');
}

/** A phone display and a PC clock may differ a little. */
const FUTURE_TOLERANCE_MS = 60_000;

/**
 * Times the file gives that lie in the future; a moment worked out from others is not a problem of its own.
 * @example checkFuture(call, (key) => cells.has(key), Date.now(), fail)
 */
export function checkFuture(call: CallColumns, has: (key: RecordColumnKey) => boolean, now: number, fail: Fail): void {
  const moments: Array<[RecordColumnKey, number | null]> = [
    ['callAt', call.call_at],
    ['answeredAt', call.answered_at],
    ['closedAt', call.closed_at],
    ['resolvedAt', call.resolved_at],
    ['resultToldAt', call.result_told_at],
    ['callbackDone', call.callback_done_at],
    ['leadFollowUpDone', call.lead_follow_up_done_at],
  ];
  for (const [key, at] of moments) if (at !== null && at > now + FUTURE_TOLERANCE_MS && has(key)) fail(key, 'time_in_future');
}
