import { storedStepText } from '../../shared/i18n/stepText';
import type { Policy } from '../../shared/policy/schema';
import { untrackedOf } from '../records/callView';
import { TARGET_KINDS } from '../../shared/timing/compliance';
import { minutesBetween, overallScore } from '../../shared/timing/durations';
import type { CallRow } from '../store/schema';
import type { CellValue } from './cells';
import { RECORD_COLUMNS, STEP_COLUMNS, type RecordColumnKey, type StepColumnKey } from './columns';
import type { RecordBundle, StepOwner } from './pages';
import type { ArchiveLang } from './types';
import { labelOf, priorityLabel, VERDICT_LABELS, type Verdict } from './vocab';

/**
 * A record as the cells of one row, in RECORD_COLUMNS order. Times come through
 * `time` (a wall-clock Date for xlsx, text for CSV); everything else is a
 * string, a number or null, and the writer makes strings safe for its format.
 */

export interface CellContext {
  lang: ArchiveLang;
  now: number;
  policies: Map<number, Policy>;
  /** One instant in the record's zone, as the format writes a date-time. */
  time(ms: number, zone: string): CellValue;
  /** Several instants in one cell (a call transferred more than once): text, a line each. */
  times(ms: number[], zone: string): string;
  /** A local date 'YYYY-MM-DD' as the format writes a date. */
  date(localDate: string): CellValue;
}

/** Response target met? As complianceByPriority counts it: decided once answered or past due. */
export function responseVerdict(row: CallRow, now: number): Verdict | null {
  const due = row.response_due_at;
  if (due === null) return null;
  if (row.answered_at !== null) return row.answered_at <= due ? 'met' : 'notMet';
  return due < now ? 'notMet' : 'open';
}

/**
 * Resolution target met? As resolutionByCategory counts it: met when resolved
 * by the due time; not met when resolved late, when it cannot be resolved, or
 * once past due; open otherwise.
 */
export function resolutionVerdict(row: CallRow, now: number): Verdict | null {
  const due = row.resolution_due_at;
  if (row.resolved_at !== null) return due !== null && row.resolved_at <= due ? 'met' : 'notMet';
  if (row.result === 'cannot_resolve') return 'notMet';
  if (due !== null && due < now) return 'notMet';
  return 'open';
}

/** Line breaks inside one item would read as the next item of a one-line-per-item cell. */
const oneLine = (text: string): string => text.replace(/\s*\n\s*/g, ' ');

export function recordCells(b: RecordBundle, ctx: CellContext): CellValue[] {
  const { row, transfers } = b;
  const zone = row.time_zone;
  const { lang } = ctx;
  const at = (ms: number | null) => (ms === null ? null : ctx.time(ms, zone));
  const vocab = (vocabulary: Parameters<typeof labelOf>[1], key: string | null) => (key === null ? null : labelOf(lang, vocabulary, key));
  const verdict = (v: Verdict | null) => (v === null ? null : VERDICT_LABELS[lang][v]);
  const several = <T>(list: T[], one: (t: T) => CellValue, many: () => CellValue): CellValue => (list.length === 0 ? null : list.length === 1 ? one(list[0]!) : many());
  const responseMin = minutesBetween(row.call_at, row.answered_at);

  const cells: Record<RecordColumnKey, CellValue> = {
    recordNo: row.record_no,
    date: ctx.date(row.local_date),
    callAt: at(row.call_at),
    answeredAt: at(row.answered_at),
    responseMin,
    salutation: row.salutation,
    phone: row.phone_last4,
    reason: row.reason,
    category: vocab('category', row.category),
    transferTo: transfers.length === 0 ? null : transfers.map((t) => oneLine(t.to_owner)).join('\n'),
    transferAt: several(transfers, (t) => at(t.transferred_at), () => ctx.times(transfers.map((t) => t.transferred_at), zone)),
    secondResponseMin: several(
      transfers,
      (t) => minutesBetween(t.transferred_at, t.answered_at),
      () => transfers.map((t) => minutesBetween(t.transferred_at, t.answered_at) ?? '').join('\n'),
    ),
    handler: row.handler,
    steps: b.steps.length === 0 ? null : b.steps.map((s) => `${s.n}. ${oneLine(storedStepText(lang, s.text))}`).join('\n'),
    result: vocab('result', row.result),
    feedback: vocab('feedback', row.feedback),
    remarks: row.remarks,
    actualResponseMin: responseMin,
    actualResolutionMin: minutesBetween(row.call_at, row.resolved_at),
    responseMet: verdict(responseVerdict(row, ctx.now)),
    resolutionMet: verdict(resolutionVerdict(row, ctx.now)),
    missReasons: missReasonsText(b, lang),
    deskCode: row.desk_code,
    agent: row.agent,
    customerType: vocab('customerType', row.customer_type),
    requestType: vocab('requestType', row.request_type),
    priority: row.priority === null ? null : priorityLabel(lang, row.policy_id === null ? undefined : ctx.policies.get(row.policy_id), row.priority),
    scoreSpeed: row.score_speed,
    scoreProfessionalism: row.score_professionalism,
    scoreResolution: row.score_resolution,
    overallScore: overallScore([row.score_speed, row.score_professionalism, row.score_resolution]),
    callbackDue: at(row.callback_due_at),
    callbackDone: at(row.callback_done_at),
    callbackBy: row.callback_by,
    callbackOutcome: row.callback_outcome,
    transferAnsweredAt: several(
      transfers,
      (t) => at(t.answered_at),
      () => transfers.map((t) => (t.answered_at === null ? '' : ctx.times([t.answered_at], zone))).join('\n'),
    ),
    resolvedAt: at(row.resolved_at),
    resultToldAt: at(row.result_told_at),
    closedAt: at(row.closed_at),
    followUpDue: at(row.follow_up_due_at),
    followUpOwner: row.follow_up_owner,
    resultNote: row.result_note,
    feedbackReason: row.feedback_reason,
    leadFollowUpDone: at(row.lead_follow_up_done_at),
    leadFollowUpBy: row.lead_follow_up_by,
    leadFollowUpOutcome: row.lead_follow_up_outcome,
    timeZone: zone,
    sourceRef: row.source_ref,
    untrackedTargets: row.untracked_targets === null ? null : untrackedOf(row.untracked_targets).map((k) => labelOf(lang, 'target', k)).join(lang === 'zh' ? '、' : ', ') || null,
  };
  return RECORD_COLUMNS.map((c) => cells[c.key]);
}

/** A line per missed target with a reason: "响应：同时接待量超负荷 — text", "二次响应 #2：…". */
function missReasonsText(b: RecordBundle, lang: ArchiveLang): string | null {
  if (b.reasons.length === 0) return null;
  const order = (kind: string) => TARGET_KINDS.indexOf(kind as (typeof TARGET_KINDS)[number]);
  const colon = lang === 'zh' ? '：' : ': ';
  return [...b.reasons]
    .sort((x, y) => order(x.kind) - order(y.kind) || x.idx - y.idx)
    .map((r) => {
      const target = labelOf(lang, 'target', r.kind) + (r.kind === 'secondResponse' ? ` #${r.idx + 1}` : '');
      const text = r.text ? ` — ${oneLine(r.text)}` : '';
      return `${target}${colon}${labelOf(lang, 'missReason', r.code)}${text}`;
    })
    .join('\n');
}

/** The steps sheet's rows of one record: record no., n, time, author, text, desk code. */
export function stepRows(owner: StepOwner, ctx: CellContext): CellValue[][] {
  return owner.steps.map((s) => {
    const cells: Record<StepColumnKey, CellValue> = {
      recordNo: owner.record_no,
      n: s.n,
      at: ctx.time(s.at, owner.time_zone),
      author: s.author,
      text: storedStepText(ctx.lang, s.text),
      deskCode: owner.desk_code,
    };
    return STEP_COLUMNS.map((c) => cells[c.key]);
  });
}
