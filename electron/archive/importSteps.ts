import type { ImportReasonCode, ImportReasonParams } from '../../shared/api/archive';
import { MAX_LABEL, MAX_TEXT } from '../../shared/domain/fields';
import { importReasonText } from '../../shared/i18n/importReasons';
import type { StepColumnKey } from './columns';
import type { StepsHeader } from './importHeader';
import type { RawRow } from './importRead';
import type { ParsedCall, RowContext } from './importRow';
import { CellProblem, cleanOf, textOf, timeOf } from './importValues';
import type { ReadyStep } from './importWrite';

/** Reports a problem: where (row 0 for the whole file, column '' for the whole row) and why. */
export type Problem = (sheet: string | undefined, row: number, column: string, code: ImportReasonCode, params?: ImportReasonParams) => void;

class StepProblem extends Error {
  constructor(
    readonly column: StepColumnKey,
    readonly code: ImportReasonCode,
    readonly params: ImportReasonParams = {},
  ) {
    super(importReasonText('en', { code, params }));
  }
}

/**
 * The steps sheet's rows, checked and grouped by their record. A row whose
 * record was already read is parsed at once (the usual order: records sheet
 * first), others wait for the end; only what is still needed stays in memory.
 * When a file has a steps sheet it is the whole truth about steps.
 */
export class StepSheet {
  private readonly steps = new Map<ParsedCall, ReadyStep[]>();
  private readonly later: Array<{ sheet: string | undefined; header: StepsHeader; row: RawRow }> = [];
  seen = false;

  constructor(
    private readonly calls: Map<string, ParsedCall>,
    /** Record numbers of every records row, good or bad: a step of a bad row is not reported again. */
    private readonly rowNumbers: Set<string>,
    private readonly ctx: RowContext,
    private readonly problem: Problem,
  ) {}

  add(sheet: string | undefined, header: StepsHeader, row: RawRow): void {
    if (!this.take(sheet, header, row, false)) this.later.push({ sheet, header, row });
  }

  /** Every record's steps, in order; reports steps whose record is nowhere in the file. */
  finish(): Map<ParsedCall, ReadyStep[]> {
    for (const { sheet, header, row } of this.later) this.take(sheet, header, row, true);
    this.later.length = 0;
    for (const list of this.steps.values()) list.sort((a, b) => a.n - b.n);
    return this.steps;
  }

  /** A record's steps come one after another: the record found last is asked for again and again. */
  private last: { deskCode: string; recordNo: string; call: ParsedCall } | undefined;

  private callOf(deskCode: string, recordNo: string): ParsedCall | undefined {
    if (this.last?.recordNo === recordNo && this.last.deskCode === deskCode) return this.last.call;
    const call = this.calls.get(`${deskCode}\u0000${recordNo}`);
    if (call) this.last = { deskCode, recordNo, call };
    return call;
  }

  /** false when the row's record has not been read (yet). */
  private take(sheet: string | undefined, header: StepsHeader, row: RawRow, last: boolean): boolean {
    const get = (key: StepColumnKey) => {
      const i = header.index.get(key);
      return i === undefined ? undefined : (row.cells[i] ?? null);
    };
    const fail = (key: StepColumnKey, code: ImportReasonCode, params: ImportReasonParams = {}) => this.problem(sheet, row.row, header.text.get(key) ?? key, code, params);
    const recordNo = textOf(get('recordNo'));
    if (recordNo === null) {
      fail('recordNo', 'record_no_missing');
      return true;
    }
    const deskCode = (textOf(get('deskCode')) ?? this.ctx.deskCode ?? '').toUpperCase();
    const call = this.callOf(deskCode, recordNo);
    if (!call) {
      if (!last) return false;
      if (!this.rowNumbers.has(recordNo)) fail('recordNo', 'step_record_unknown', { recordNo });
      return true;
    }
    try {
      const list = this.steps.get(call) ?? [];
      list.push(this.step(get, call, list));
      this.steps.set(call, list);
    } catch (error) {
      if (!(error instanceof StepProblem)) throw error;
      fail(error.column, error.code, error.params);
    }
    return true;
  }

  private step(get: (key: StepColumnKey) => ReturnType<typeof textOf> | RawRow['cells'][number] | undefined, call: ParsedCall, list: ReadyStep[]): ReadyStep {
    const nText = textOf(get('n'));
    const n = Number(nText);
    if (!Number.isInteger(n) || n < 1) throw new StepProblem('n', 'step_no_bad', { value: nText ?? '' });
    if (list.some((s) => s.n === n)) throw new StepProblem('n', 'step_twice', { n, recordNo: call.call.record_no });
    const at = read('at', () => timeOf(get('at'), call.call.local_date, call.call.time_zone));
    if (at === null) throw new StepProblem('at', 'step_time_missing');
    if (at < call.call.call_at) throw new StepProblem('at', 'step_before_call');
    if (at > this.ctx.now + 60_000) throw new StepProblem('at', 'time_in_future');
    const author = read('author', () => cleanOf(get('author'), MAX_LABEL)) ?? this.ctx.actor;
    const text = read('text', () => cleanOf(get('text'), MAX_TEXT));
    if (text === null) throw new StepProblem('text', 'step_empty');
    return { n, at, author, text };
  }
}

function read<T>(column: StepColumnKey, reader: () => T): T {
  try {
    return reader();
  } catch (error) {
    if (error instanceof CellProblem) throw new StepProblem(column, error.code, error.params);
    throw error;
  }
}

/** Without a steps sheet, the numbered 处理步骤 cell gives the steps (at the record's last moment, by its handler). */
export function cellSteps(parsed: ParsedCall): ReadyStep[] {
  const { texts, at, author } = parsed.cellSteps;
  return texts.map((text, i) => ({ n: i + 1, at, author, text }));
}
