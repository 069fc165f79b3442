import type { ImportLayout, ImportMoment } from '../../shared/api/archive';
import { MAX_LABEL, MAX_TEXT } from '../../shared/domain/fields';
import { hasLongDigitRun, lastFourDigits } from '../../shared/domain/privacy';
import type { Policy } from '../../shared/policy/schema';
import type { TargetKind } from '../../shared/timing/compliance';
import { RECORD_NO_PATTERN } from '../../shared/timing/recordNo';
import type { RecordColumnKey, RowKey } from './columns';
import { feedbackOfCell, reasonsOfCell, stepsOfCell } from './importCells';
import { checkFuture, checkOrder, inferMoments } from './importMoments';
import type { RawCell } from './importRead';
import { sourceRefOf } from './importSourceRef';
import { untrackedOfCell } from './importTracked';
import { readTransfers } from './importTransfers';
import type { CallColumns, Fail, ParsedCall, RowCells, RowIssue } from './importShapes';
import { durationMinutesOf } from './sheetFigures';
import { CellProblem, cleanOf, dateOf, minutesOf, scoreOf, textOf, timeAfter, timeOf } from './importValues';
import { readPriority, readVocab, type Vocabulary } from './vocab';
import { knownZone, localDateHour } from './wallClock';

/** One row of a records sheet, in any layout, checked and turned into what the database stores. */

export interface PolicyVersionRef {
  id: number;
  policy: Policy;
}

export interface RowContext {
  layout: ImportLayout;
  /** For rows without a desk code column (--desk). */
  deskCode: string | undefined;
  /** For rows without a time-zone column (--zone, or the desk's). */
  zone: string | undefined;
  actor: string;
  now: number;
  /** Targets the sheet has no column to record (see untrackedTargets): stored with every row, judged 'na'. */
  untracked: readonly TargetKind[];
  policyAt(at: number, zone: string): PolicyVersionRef;
}

export type { CallColumns, Fail, ParsedCall, RowCells, RowIssue } from './importShapes';

const DESK_CODE = /^[A-Za-z0-9][A-Za-z0-9-]{0,11}$/;

/**
 * Checks one row and builds the call it stands for. Desk code and zone missing
 * from the whole file are the file's problems (import.ts reports them once);
 * such a row is skipped without a word of its own.
 * @example parseRecordRow(cells, ctx, 2) // { call, problems: [], notes: [] }
 */
export function parseRecordRow(cells: RowCells, ctx: RowContext, rowNumber: number): { call: ParsedCall | null; problems: RowIssue[]; notes: RowIssue[] } {
  const problems: RowIssue[] = [];
  const notes: RowIssue[] = [];
  const fail: Fail = (key, code, params = {}) => problems.push({ column: key === '' ? '' : cells.header(key), code, params });
  const note: Fail = (key, code, params = {}) => notes.push({ column: key === '' ? '' : cells.header(key), code, params });
  const read = <T>(key: RowKey, reader: (cell: RawCell | undefined) => T): T | null => {
    try {
      return reader(cells.get(key));
    } catch (error) {
      if (!(error instanceof CellProblem)) throw error;
      fail(key, error.code, error.params);
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
      if (!found) throw new CellProblem('unknown_value', { value: text });
      return found;
    });

  // Seed sheets number their rows their own way: that number is the source reference, and the record gets a CS number.
  const assigns = !cells.has('recordNo');
  const recordNo = assigns ? null : textOf(cells.get('recordNo'));
  if (!assigns && recordNo === null) fail('recordNo', 'record_no_missing');
  else if (recordNo !== null && !RECORD_NO_PATTERN.test(recordNo)) fail('recordNo', 'record_no_bad', { value: recordNo });
  const sourceRef = read('sourceRef', sourceRefOf);
  if (assigns && sourceRef === null && !problems.some((p) => p.column === cells.header('sourceRef'))) fail('sourceRef', 'record_no_missing');
  const deskText = textOf(cells.get('deskCode')) ?? ctx.deskCode ?? null;
  if (deskText === null && cells.has('deskCode')) fail('deskCode', 'no_desk_code');
  // Eleven digits pass the pattern but are a phone number: refused, and not repeated in the report.
  else if (deskText !== null && hasLongDigitRun(deskText)) fail('deskCode', 'desk_code_is_phone');
  else if (deskText !== null && !DESK_CODE.test(deskText)) fail('deskCode', 'bad_desk_code', { value: deskText });
  const zone = textOf(cells.get('timeZone')) ?? ctx.zone ?? null;
  if (zone === null && cells.has('timeZone')) fail('timeZone', 'no_zone');
  else if (zone !== null && !knownZone(zone)) fail(cells.has('timeZone') ? 'timeZone' : '', 'bad_zone', { value: zone });
  if (problems.length > 0 || zone === null || deskText === null) return { call: null, problems, notes };

  let date = read('date', dateOf);
  // A bad date was reported; the times read on it would only repeat that.
  if (date === null && textOf(cells.get('date')) !== null) return { call: null, problems, notes };
  const callAt = read('callAt', (c) => timeOf(c, date, zone));
  if (callAt === null) {
    if (!problems.some((p) => p.column === cells.header('callAt'))) fail('callAt', 'call_time_missing');
    return { call: null, problems, notes };
  }
  const { date: callDate, hour: callHour } = localDateHour(callAt, zone);
  if (date === null) date = callDate;
  else if (callDate !== date) fail('callAt', 'call_not_on_date', { callDate, date });
  if (recordNo !== null && recordNo.slice(2, 10) !== date.replace(/-/g, '')) fail('recordNo', 'record_no_date', { recordDate: recordNo.slice(2, 10), date });

  const inferred: ImportMoment[] = [];
  const after = (key: RecordColumnKey, base: number | null) => read(key, (c) => timeAfter(c, date, zone, base));
  let answeredAt = after('answeredAt', callAt);
  if (answeredAt === null && ctx.layout !== 'archive') {
    // The paper sheet may give only the minutes waited (响应时长), seed 000 only 实际响应时长.
    const waited = read('responseMin', minutesOf) ?? read('actualResponseMin', durationMinutesOf);
    if (waited !== null) {
      answeredAt = callAt + Math.round(waited * 60_000);
      inferred.push('answeredAt');
    }
  }
  if (answeredAt !== null && answeredAt < callAt) fail('answeredAt', 'answered_before_call');

  const transfers = readTransfers(cells, { date, zone, answeredAt, paper: ctx.layout !== 'archive' }, fail);
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
    if (!key) throw new CellProblem('unknown_priority', { value: text, levels: version.policy.priorities.map((l) => l.label.zh).join(' / ') });
    return key;
  });
  const phone = read('phone', (c) => {
    const text = textOf(c);
    if (text === null) return null;
    const last4 = lastFourDigits(text);
    if (last4 !== null) {
      // Only the last four are kept, so a cell that is no phone number (13 digits, letters) would pass unseen: worth a look.
      const digits = text.replace(/^\s*(\+|00)86/, '').replace(/\D/g, '').length;
      if (digits > 11) note('phone', 'phone_too_many_digits', { value: text, digits });
      else if (/[^\d\s+\-()（）.]/.test(text)) note('phone', 'phone_not_number', { value: text });
      return last4;
    }
    // A sheet that hid the number (seed 004's XXXX) keeps nothing, and says so; a few digits are a typing slip.
    if (!/\d/.test(text)) {
      note('phone', 'phone_no_digits', { value: text });
      return null;
    }
    throw new CellProblem('too_few_digits', { value: text });
  });
  const time = (key: RecordColumnKey) => after(key, answeredAt ?? callAt);

  const call: CallColumns = {
    desk_code: deskText.toUpperCase(),
    record_no: recordNo ?? '',
    local_date: date,
    time_zone: zone,
    // A row naming no agent (nor, in a sheet without an agent column, a handler) has none: never the importer,
    // who would be credited with another's call. calls.agent is NOT NULL, so "none" is '' (shown as 未填).
    agent: label('agent') ?? (ctx.layout !== 'archive' ? handler : null) ?? '',
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
    source_ref: sourceRef,
    // Set when the row is written, to the batch of its import (importWrite.ts).
    import_batch: null,
    untracked_targets: cells.has('untrackedTargets') ? read('untrackedTargets', (c) => untrackedOfCell(textOf(c))) : ctx.untracked.length > 0 ? ctx.untracked.join(',') : null,
    // A sheet never voids a record (voided records are not exported, so none comes back this way).
    voided_at: null,
    voided_by: null,
    void_reason: null,
  };
  if (call.agent === '') note(cells.has('agent') ? 'agent' : cells.has('handler') ? 'handler' : '', 'no_agent');
  if (cells.finish) notes.push(...cells.finish(call, version.policy));
  const lastMoment = Math.max(answeredAt ?? callAt, ...transfers.map((t) => t.answered_at ?? t.transferred_at));
  // This exporter's files give every moment the record has; an empty cell there is a moment that never happened.
  if (ctx.layout !== 'archive') {
    // Seed 000 may give how long the resolution took (实际解决时长) where it leaves 解决时间 empty.
    const took = call.result === 'resolved' && call.resolved_at === null ? read('actualResolutionMin', durationMinutesOf) : null;
    if (took !== null) {
      call.resolved_at = callAt + Math.round(took * 60_000);
      inferred.push('resolvedAt');
    }
    inferred.push(...inferMoments(call, lastMoment));
  }
  if (call.result === 'in_progress' && call.follow_up_due_at === null && ctx.layout !== 'archive') note('result', 'in_progress_no_due');
  checkOrder(call, fail);
  checkFuture(call, (key) => cells.has(key), ctx.now, fail);
  if (problems.length > 0) return { call: null, problems, notes };
  const reasonText = read('missReasonText', (c) => cleanOf(c, MAX_TEXT));
  return {
    call: {
      row: rowNumber,
      serial: recordNo === null ? null : Number(recordNo.slice(10)),
      call,
      transfers,
      reasons,
      reasonText,
      inferred,
      // A step the sheet gives no author for is the importer's entry, as its miss reasons are.
      cellSteps: { texts: cellSteps, at: call.closed_at ?? lastMoment, author: handler ?? (call.agent || ctx.actor) },
    },
    problems,
    notes,
  };
}
