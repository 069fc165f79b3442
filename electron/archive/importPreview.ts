import type { ImportPreviewRow, ImportRowStatus } from '../../shared/api/archive';
import type { Policy } from '../../shared/policy/schema';
import type { Judged } from './importDerived';
import type { ParsedCall } from './importRow';
import { wallClockText } from './wallClock';

/**
 * An instant as a person checks it against the sheet: wall-clock time in the
 * zone the row was read in, to the minute (seconds only when it has some).
 * @example previewTime(Date.UTC(2024, 4, 1, 1, 0), 'Asia/Shanghai') === '2024-05-01 09:00'
 */
export function previewTime(ms: number, zone: string): string {
  const text = wallClockText(ms, zone);
  return text.length === 19 && text.endsWith(':00') ? text.slice(0, 16) : text;
}

/**
 * One row as it would be stored (a dry run shows the first five), its times in its own zone.
 * @example previewRow(parsed, judge(parsed, policy, now), { version: 1, levels: policy.priorities }, 'new', null).callAt === '2024-05-01 09:00'
 */
export function previewRow(parsed: ParsedCall, judged: Judged, policy: { version: number | null; levels: Policy['priorities'] }, status: ImportRowStatus, deskZone: string | null): ImportPreviewRow {
  const { call } = parsed;
  const at = (ms: number | null) => (ms === null ? null : previewTime(ms, call.time_zone));
  return {
    ...(parsed.sheet === undefined ? {} : { sheet: parsed.sheet }),
    row: parsed.row,
    recordNo: call.record_no,
    sourceRef: call.source_ref,
    deskCode: call.desk_code,
    timeZone: call.time_zone,
    callAt: at(call.call_at)!,
    atDesk: deskZone !== null && deskZone !== call.time_zone ? previewTime(call.call_at, deskZone) : null,
    answeredAt: at(call.answered_at),
    resolvedAt: at(call.resolved_at),
    resultToldAt: at(call.result_told_at),
    closedAt: at(call.closed_at),
    callbackDoneAt: at(call.callback_done_at),
    followUpDueAt: at(call.follow_up_due_at),
    inferred: [...parsed.inferred],
    status,
    priority: call.priority,
    priorityLabel: policy.levels.find((l) => l.key === call.priority)?.label ?? null,
    requestType: call.request_type,
    category: call.category,
    customerType: call.customer_type,
    result: call.result,
    feedback: call.feedback,
    salutation: call.salutation,
    phoneLast4: call.phone_last4,
    handler: call.handler,
    agent: call.agent,
    responseMinutes: judged.responseMinutes,
    resolutionMinutes: judged.resolutionMinutes,
    responseMet: judged.responseMet,
    resolutionMet: judged.resolutionMet,
    policyVersion: policy.version,
  };
}
