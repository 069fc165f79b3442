import { MAX_LABEL, MAX_TEXT } from '../../shared/domain/fields';
import { hasLongDigitRun, lastFourDigits } from '../../shared/domain/privacy';
import type { Policy } from '../../shared/policy/schema';
import { RECORD_NO_PATTERN } from '../../shared/timing/recordNo';
import type { CallRow } from '../store/schema';
import type { RecordColumnKey } from './columns';
import { feedbackOfCell, reasonsOfCell, stepsOfCell, type ReasonInput } from './importCells';
import type { RawCell } from './importRead';
import { CellProblem, cleanOf, dateOf, linesOf, minutesOf, scoreOf, textOf, timeAfter, timeOf } from './importValues';
import { readPriority, readVocab, type Vocabulary } from './vocab';
import { knownZone, localDateHour } from './wallClock';

/** One row of a records sheet, checked and turned into what the database stores. */

export interface PolicyVersionRef {
  id: number;
  policy: Policy;
}

export interface RowContext {
  layout: 'archive' | 'paper';
  /** For rows without a desk code column (--desk). */
  deskCode: string | undefined;
  /** For rows without a time-zone column (the desk's). */
  zone: string | undefined;
  actor: string;
  now: number;
  policyAt(at: number, zone: string): PolicyVersionRef;
}

export interface RowCells {
  /** undefined when the file has no such column. */
  get(key: RecordColumnKey): RawCell | undefined;
  has(key: RecordColumnKey): boolean;
  /** The column's header as the file writes it. */
  header(key: RecordColumnKey): string;
}

/** Every column of an imported call but its id and the due times (worked out at insert, see dueTimes.ts). */
export type CallColumns = Omit<CallRow, 'id' | 'response_due_at' | 'resolution_due_at' | 'transfer_due_at' | 'told_due_at' | 'callback_due_at' | 'lead_due_at' | 'ended_breach' | 'next_due_at'>;

export interface ParsedCall {
  row: number;
  serial: number;
  call: CallColumns;
  transfers: Array<{ to_owner: string; transferred_at: number; answered_at: number | null }>;
  /** Steps read from the 处理步骤 cell (used when the file has no steps sheet), with the time and author they get. */
  cellSteps: { texts: string[]; at: number; author: string };
  reasons: ReasonInput[];
}

export interface RowProblem {
  column: string;
  reason: string;
}

const DESK_CODE = /^[A-Za-z0-9][A-Za-z0-9-]{0,11}$/;
/** A phone display and a PC clock may differ a little. */
const FUTURE_TOLERANCE_MS = 60_000;

export function parseRecordRow(cells: RowCells, ctx: RowContext, rowNumber: number): { call: ParsedCall | null; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const fail = (key: RecordColumnKey | '', reason: string) => problems.push({ column: key === '' ? '' : cells.header(key), reason });
  const read = <T>(key: RecordColumnKey, reader: (cell: RawCell | undefined) => T): T | null => {
    try {
      return reader(cells.get(key));
    } catch (error) {
      if (!(error instanceof CellProblem)) throw error;
      fail(key, error.message);
      return null;
    }
  };
  const label = (key: RecordColumnKey) => read(key, (c) => cleanOf(c, MAX_LABEL));
  const long = (key: RecordColumnKey) => read(key, (c) => cleanOf(c, MAX_TEXT));
  const vocab = (key: RecordColumnKey, vocabulary: Vocabulary) =>
    read(key, (c) => {
      const text = textOf(c);
      if (text === null) return null;
      const found = readVocab(vocabulary, text);
      if (!found) throw new CellProblem(`"${text}" is not one of the known values`);
      return found;
    });

  const recordNo = textOf(cells.get('recordNo'));
  if (recordNo === null) fail('recordNo', 'the record number is missing');
  else if (!RECORD_NO_PATTERN.test(recordNo)) fail('recordNo', `"${recordNo}" is not a record number (CS + YYYYMMDD + serial, e.g. CS20240520001)`);
  const deskText = textOf(cells.get('deskCode')) ?? ctx.deskCode ?? null;
  if (deskText === null) fail(cells.has('deskCode') ? 'deskCode' : '', 'no desk code: the file has no 坐席代码 column, so say which desk with --desk CODE');
  // Eleven digits pass the pattern but are a phone number: refused, and not repeated in the report.
  else if (hasLongDigitRun(deskText)) fail('deskCode', 'a phone or ID number is not a desk code');
  else if (!DESK_CODE.test(deskText)) fail('deskCode', `"${deskText}" is not a desk code (1–12 letters, digits or hyphens)`);
  const zone = textOf(cells.get('timeZone')) ?? ctx.zone ?? null;
  if (zone === null) fail('', 'no time zone: the file has no 时区 column and this database has no desk to take it from; set the desk up or give the zone (--zone)');
  else if (!knownZone(zone)) fail('timeZone', `"${zone}" is not an IANA time zone`);
  if (problems.length > 0 || zone === null) return { call: null, problems };

  let date = read('date', dateOf);
  // A bad date was reported; the times read on it would only repeat that.
  if (date === null && textOf(cells.get('date')) !== null) return { call: null, problems };
  const callAt = read('callAt', (c) => timeOf(c, date, zone));
  if (callAt === null) {
    if (!problems.some((p) => p.column === cells.header('callAt'))) fail('callAt', 'the call time is missing');
    return { call: null, problems };
  }
  const { date: callDate, hour: callHour } = localDateHour(callAt, zone);
  if (date === null) date = callDate;
  else if (callDate !== date) fail('callAt', `the call time is on ${callDate}, not on the 日期 ${date}`);
  if (recordNo !== null && recordNo.slice(2, 10) !== date.replace(/-/g, '')) fail('recordNo', `the record number's date ${recordNo.slice(2, 10)} is not the 日期 ${date}`);

  const after = (key: RecordColumnKey, base: number | null) => read(key, (c) => timeAfter(c, date, zone, base));
  let answeredAt = after('answeredAt', callAt);
  if (answeredAt === null && !cells.has('closedAt')) {
    const waited = read('responseMin', minutesOf);
    if (waited !== null) answeredAt = callAt + Math.round(waited * 60_000);
  }
  if (answeredAt !== null && answeredAt < callAt) fail('answeredAt', 'the call was answered before it came in');

  const transfers = readTransfers(cells, ctx, { date, zone, answeredAt }, fail);
  const handler = label('handler');
  const cellSteps = read('steps', stepsOfCell) ?? [];
  const result = vocab('result', 'result');
  const feedback = read('feedback', feedbackOfCell) ?? { feedback: null, reason: null };
  const reasons = read('missReasons', reasonsOfCell) ?? [];
  const version = ctx.policyAt(callAt, zone);
  const priority = read('priority', (c) => {
    const text = textOf(c);
    if (text === null) return null;
    const key = readPriority(version.policy, text);
    if (!key) throw new CellProblem(`"${text}" is not a priority of the policy in force then (${version.policy.priorities.map((l) => l.label.zh).join(' / ')})`);
    return key;
  });
  const phone = read('phone', (c) => {
    const text = textOf(c);
    if (text === null) return null;
    const last4 = lastFourDigits(text);
    if (last4 === null) throw new CellProblem(`"${text}" has fewer than four digits`);
    return last4;
  });
  const time = (key: RecordColumnKey) => after(key, answeredAt ?? callAt);

  const call: CallColumns = {
    desk_code: deskText!.toUpperCase(),
    record_no: recordNo ?? '',
    local_date: date,
    time_zone: zone,
    agent: label('agent') ?? (ctx.layout === 'paper' ? handler : null) ?? ctx.actor,
    agent_id: null,
    call_at: callAt,
    local_hour: callHour,
    answered_at: answeredAt,
    salutation: label('salutation'),
    phone_last4: phone,
    customer_type: vocab('customerType', 'customerType'),
    request_type: vocab('requestType', 'requestType'),
    category: vocab('category', 'category'),
    priority,
    reason: label('reason'),
    handler,
    result,
    follow_up_due_at: read('followUpDue', (c) => timeOf(c, date, zone)),
    follow_up_owner: label('followUpOwner'),
    result_note: long('resultNote'),
    feedback: feedback.feedback,
    feedback_reason: long('feedbackReason') ?? feedback.reason,
    score_speed: read('scoreSpeed', scoreOf),
    score_professionalism: read('scoreProfessionalism', scoreOf),
    score_resolution: read('scoreResolution', scoreOf),
    remarks: long('remarks'),
    closed_at: time('closedAt'),
    created_at: ctx.now,
    updated_at: ctx.now,
    policy_id: version.id,
    resolved_at: time('resolvedAt'),
    result_told_at: time('resultToldAt'),
    callback_done_at: time('callbackDone'),
    callback_by: label('callbackBy'),
    callback_outcome: long('callbackOutcome'),
    lead_follow_up_done_at: time('leadFollowUpDone'),
    lead_follow_up_by: label('leadFollowUpBy'),
    lead_follow_up_outcome: long('leadFollowUpOutcome'),
    // The archive carries neither the clock flag nor the audit trail.
    clock_behind_ms: null,
  };
  const lastMoment = Math.max(answeredAt ?? callAt, ...transfers.map((t) => t.answered_at ?? t.transferred_at));
  if (ctx.layout === 'paper' && result !== null) inferPaperMoments(call, lastMoment);
  checkOrder(call, fail);
  const moments: Array<[RecordColumnKey, number | null | undefined]> = [
    ['callAt', call.call_at],
    ['answeredAt', call.answered_at],
    ['closedAt', call.closed_at],
    ['resolvedAt', call.resolved_at],
    ['resultToldAt', call.result_told_at],
    ['callbackDone', call.callback_done_at],
    ['leadFollowUpDone', call.lead_follow_up_done_at],
  ];
  // A moment the file does not have (a paper sheet's close, worked out from the others) is not a problem of its own.
  for (const [key, at] of moments) if (at != null && at > ctx.now + FUTURE_TOLERANCE_MS && cells.has(key)) fail(key, 'this time is in the future');
  if (problems.length > 0) return { call: null, problems };
  return {
    call: { row: rowNumber, serial: Number(recordNo!.slice(10)), call, transfers, reasons, cellSteps: { texts: cellSteps, at: call.closed_at ?? lastMoment, author: handler ?? call.agent } },
    problems,
  };
}

/**
 * The paper sheet records no closing, resolution or telling time: a row with a
 * result was closed on the call, at its last recorded moment, and one marked
 * 已解决 was resolved and told then too.
 */
function inferPaperMoments(call: CallColumns, lastMoment: number): void {
  call.closed_at = lastMoment;
  if (call.result === 'resolved') {
    call.resolved_at = lastMoment;
    call.result_told_at = lastMoment;
  }
}

function checkOrder(call: CallColumns, fail: (key: RecordColumnKey, reason: string) => void): void {
  const start = call.answered_at ?? call.call_at;
  if (call.closed_at != null && call.answered_at == null) fail('closedAt', 'a call that was never answered cannot be closed');
  if (call.closed_at != null && call.closed_at < start) fail('closedAt', 'the call was closed before it was answered');
  if (call.resolved_at != null && call.resolved_at < call.call_at) fail('resolvedAt', 'resolved before the call came in');
  if (call.result_told_at != null && call.resolved_at != null && call.result_told_at < call.resolved_at) fail('resultToldAt', 'the result was told before it was resolved');
  if (call.callback_done_at != null && call.callback_done_at < call.call_at) fail('callbackDone', 'the callback is before the call');
  if (call.lead_follow_up_done_at != null && call.lead_follow_up_done_at < call.call_at) fail('leadFollowUpDone', 'the follow-up is before the call');
}

function readTransfers(
  cells: RowCells,
  ctx: RowContext,
  at: { date: string; zone: string; answeredAt: number | null },
  fail: (key: RecordColumnKey, reason: string) => void,
): ParsedCall['transfers'] {
  const paper = ctx.layout === 'paper';
  const owners = linesOf(cells.get('transferTo'), paper);
  const timeLines = (key: RecordColumnKey): Array<RawCell | null> => {
    const cell = cells.get(key);
    // One transfer: a real date-time cell; several: a line each.
    return cell instanceof Date || typeof cell === 'number' ? [cell] : linesOf(cell, paper).map((l) => (l === '' ? null : l));
  };
  const times = timeLines('transferAt');
  const waits = timeLines('secondResponseMin');
  const answers = timeLines('transferAnsweredAt');
  if (owners.length === 0 && times.length === 0) return [];
  if (times.length !== owners.length) {
    fail('transferAt', `${owners.length} transfer owner(s) but ${times.length} transfer time(s)`);
    return [];
  }
  const transfers: ParsedCall['transfers'] = [];
  let previous = at.answeredAt;
  for (let i = 0; i < owners.length; i++) {
    try {
      const to = cleanOf(owners[i]!, MAX_LABEL);
      if (to === null) throw new CellProblem(`transfer ${i + 1} has no owner`);
      const transferredAt = timeAfter(times[i] ?? null, at.date, at.zone, previous);
      if (transferredAt === null) throw new CellProblem(`transfer ${i + 1} has no time`);
      if (previous === null) throw new CellProblem('a call is transferred only after it was answered');
      if (transferredAt < previous) throw new CellProblem(`transfer ${i + 1} is before the moment logged before it`);
      let answeredAt = cells.has('transferAnsweredAt') ? timeAfter(answers[i] ?? null, at.date, at.zone, transferredAt) : null;
      const waited = minutesOf(waits[i] ?? null);
      if (answeredAt === null && waited !== null && !cells.has('transferAnsweredAt')) answeredAt = transferredAt + Math.round(waited * 60_000);
      if (answeredAt !== null && answeredAt < transferredAt) throw new CellProblem(`transfer ${i + 1} was answered before it was made`);
      transfers.push({ to_owner: to, transferred_at: transferredAt, answered_at: answeredAt });
      previous = answeredAt ?? transferredAt;
    } catch (error) {
      if (!(error instanceof CellProblem)) throw error;
      fail('transferAt', error.message);
      return [];
    }
  }
  return transfers;
}
