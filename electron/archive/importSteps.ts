import { MAX_LABEL, MAX_TEXT } from '../../shared/domain/fields';
import type { StepColumnKey } from './columns';
import type { StepsHeader } from './importHeader';
import type { RawRow } from './importRead';
import type { ParsedCall, RowContext } from './importRow';
import { CellProblem, cleanOf, textOf, timeOf } from './importValues';
import type { ReadyStep } from './importWrite';

export type Problem = (sheet: string | undefined, row: number, column: string, reason: string) => void;

class StepProblem extends Error {
  constructor(
    readonly column: StepColumnKey,
    message: string,
  ) {
    super(message);
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
    const fail = (key: StepColumnKey, reason: string) => this.problem(sheet, row.row, header.text.get(key) ?? key, reason);
    const recordNo = textOf(get('recordNo'));
    if (recordNo === null) {
      fail('recordNo', 'the record number is missing');
      return true;
    }
    const deskCode = (textOf(get('deskCode')) ?? this.ctx.deskCode ?? '').toUpperCase();
    const call = this.callOf(deskCode, recordNo);
    if (!call) {
      if (!last) return false;
      if (!this.rowNumbers.has(recordNo)) fail('recordNo', `${recordNo} is not in the records sheet`);
      return true;
    }
    try {
      const list = this.steps.get(call) ?? [];
      list.push(this.step(get, call, list));
      this.steps.set(call, list);
    } catch (error) {
      if (!(error instanceof StepProblem)) throw error;
      fail(error.column, error.message);
    }
    return true;
  }

  private step(get: (key: StepColumnKey) => ReturnType<typeof textOf> | RawRow['cells'][number] | undefined, call: ParsedCall, list: ReadyStep[]): ReadyStep {
    const nText = textOf(get('n'));
    const n = Number(nText);
    if (!Number.isInteger(n) || n < 1) throw new StepProblem('n', `"${nText ?? ''}" is not a step number`);
    if (list.some((s) => s.n === n)) throw new StepProblem('n', `step ${n} of ${call.call.record_no} appears twice`);
    const at = read('at', () => timeOf(get('at'), call.call.local_date, call.call.time_zone));
    if (at === null) throw new StepProblem('at', 'the step time is missing');
    if (at < call.call.call_at) throw new StepProblem('at', 'the step is before the call came in');
    if (at > this.ctx.now + 60_000) throw new StepProblem('at', 'this time is in the future');
    const author = read('author', () => cleanOf(get('author'), MAX_LABEL)) ?? this.ctx.actor;
    const text = read('text', () => cleanOf(get('text'), MAX_TEXT));
    if (text === null) throw new StepProblem('text', 'the step is empty');
    return { n, at, author, text };
  }
}

function read<T>(column: StepColumnKey, reader: () => T): T {
  try {
    return reader();
  } catch (error) {
    if (error instanceof CellProblem) throw new StepProblem(column, error.message);
    throw error;
  }
}

/** Without a steps sheet, the numbered 处理步骤 cell gives the steps (at the record's last moment, by its handler). */
export function cellSteps(parsed: ParsedCall): ReadyStep[] {
  const { texts, at, author } = parsed.cellSteps;
  return texts.map((text, i) => ({ n: i + 1, at, author, text }));
}
