import type { ImportReasonCode, ImportVerdict } from '../../shared/api/archive';
import type { Policy } from '../../shared/policy/schema';
import { minutesBetween, overallScore } from '../../shared/timing/durations';
import type { CallRow } from '../store/schema';
import type { RowKey } from './columns';
import { dueColumnsOf } from './dueTimes';
import type { RawCell } from './importRead';
import type { ParsedCall, RowCells, RowIssue } from './importRow';
import { CellProblem, linesOf, textOf, timeOf } from './importValues';
import { resolutionVerdict, responseVerdict } from './recordCells';
import { durationMinutesOf, verdictOf } from './sheetFigures';
import { VERDICT_LABELS } from './vocab';
import { wallClockText } from './wallClock';

/**
 * Columns a sheet works out from others (响应时长, 实际解决时长, 响应时间是否达标, …)
 * are checked, never trusted: recomputed from the record's times and the policy
 * version in force at its call, and a disagreement is a note on that row
 * ("the file said 是, the policy in force says 否"). A note never blocks.
 */

/** A record as it will be stored, with its due times and the figures the export would show. */
export interface Judged {
  row: CallRow;
  responseMinutes: number | null;
  resolutionMinutes: number | null;
  responseMet: ImportVerdict | null;
  resolutionMet: ImportVerdict | null;
}

/**
 * The due times and verdicts of a parsed call, judged at `now`, as the export would show them.
 * @example judge(parsed, policy, Date.now()).responseMet // 'met'
 */
export function judge(parsed: ParsedCall, policy: Policy, now: number): Judged {
  const stepTimes = parsed.cellSteps.texts.map(() => parsed.cellSteps.at);
  const { columns } = dueColumnsOf(parsed.call, parsed.transfers, stepTimes, policy);
  const row: CallRow = { id: 0, ...parsed.call, ...columns };
  return {
    row,
    responseMinutes: minutesBetween(row.call_at, row.answered_at),
    resolutionMinutes: minutesBetween(row.call_at, row.resolved_at),
    responseMet: responseVerdict(row, now),
    resolutionMet: resolutionVerdict(row, now),
  };
}

/** The file's figure and the computed one agree within a minute (sheets write whole minutes). */
const sameMinutes = (a: number, b: number) => Math.abs(a - b) < 1;

/** Minutes as the file wrote them: a plain number stays one, '1小时5分钟' gets the same form back. */
function minutesText(minutes: number, like: RawCell): string {
  if (typeof like === 'number' || /^\s*\d+(\.\d+)?\s*$/.test(String(like))) return String(minutes);
  const whole = Math.round(minutes);
  const h = Math.floor(whole / 60);
  return h > 0 ? `${h}小时${whole % 60 > 0 ? `${whole % 60}分钟` : ''}` : `${whole}分钟`;
}

/**
 * Notes for every derived column of the row that disagrees with what its times and policy give.
 * @example derivedNotes(cells, judged) // [{ column: '实际解决时长', code: 'derived_disagrees', params: { file: '16', computed: '450' } }]
 */
export function derivedNotes(cells: RowCells, parsed: ParsedCall, judged: Judged): RowIssue[] {
  const notes: RowIssue[] = [];
  // A verdict and a due time come from the policy; a duration from the row's own times, a score from its scores.
  const say = (key: RowKey, file: string, computed: string, code: ImportReasonCode = 'derived_disagrees') => notes.push({ column: cells.header(key), code, params: { file, computed } });
  /** A derived cell's value; undefined when it cannot be read, which is a note too (derived columns never block). */
  const figure = <T>(key: RowKey, read: () => T): T | undefined => {
    try {
      return read();
    } catch (error) {
      if (!(error instanceof CellProblem)) throw error;
      notes.push({ column: cells.header(key), code: error.code, params: error.params });
      return undefined;
    }
  };
  const minutes = (key: RowKey, computed: number | null) => {
    const cell = cells.get(key);
    const given = figure(key, () => durationMinutesOf(cell));
    if (given === undefined || given === null) return;
    if (computed === null) say(key, textOf(cell)!, '—', 'duration_disagrees');
    else if (!sameMinutes(given, computed)) say(key, textOf(cell)!, minutesText(computed, cell!), 'duration_disagrees');
  };
  const verdict = (key: RowKey, computed: ImportVerdict | null) => {
    const cell = cells.get(key);
    const given = figure(key, () => verdictOf(cell));
    // 'open' was true when the file was written; the call may have been decided since.
    if (given === undefined || given === null || given === 'open' || given === computed) return;
    say(key, textOf(cell)!, computed === null ? '—' : VERDICT_LABELS.zh[computed]);
  };
  minutes('responseMin', judged.responseMinutes);
  minutes('actualResponseMin', judged.responseMinutes);
  minutes('actualResolutionMin', judged.resolutionMinutes);
  verdict('responseMet', judged.responseMet);
  verdict('resolutionMet', judged.resolutionMet);

  const overall = figure('overallScore', () => durationMinutesOf(cells.get('overallScore')));
  const computedOverall = overallScore([judged.row.score_speed, judged.row.score_professionalism, judged.row.score_resolution]);
  if (overall != null && (computedOverall === null || Math.abs(overall - computedOverall) > 0.05)) say('overallScore', textOf(cells.get('overallScore'))!, computedOverall === null ? '—' : String(computedOverall), 'score_disagrees');

  const callbackDue = figure('callbackDue', () => timeOf(cells.get('callbackDue'), judged.row.local_date, judged.row.time_zone));
  const computedDue = judged.row.callback_due_at;
  if (callbackDue != null && (computedDue === null || Math.abs(callbackDue - computedDue) >= 60_000)) {
    say('callbackDue', textOf(cells.get('callbackDue'))!, computedDue === null ? '—' : wallClockText(computedDue, judged.row.time_zone));
  }

  // The second responses: only where 转接接听时间 gives the answers (else they were read to give them).
  if (cells.has('transferAnsweredAt')) {
    const lines = linesOf(cells.get('secondResponseMin'), false);
    const cell = cells.get('secondResponseMin');
    const given = typeof cell === 'number' ? [String(cell)] : lines;
    given.forEach((text, i) => {
      const t = parsed.transfers[i];
      const computed = t ? minutesBetween(t.transferred_at, t.answered_at) : null;
      const value = figure('secondResponseMin', () => durationMinutesOf(text));
      if (value == null) return;
      if (computed === null || !sameMinutes(value, computed)) say('secondResponseMin', text, computed === null ? '—' : String(computed), 'duration_disagrees');
    });
  }
  return notes;
}
