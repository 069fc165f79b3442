import { MAX_LABEL } from '../../shared/domain/fields';
import type { RecordColumnKey } from './columns';
import type { RawCell } from './importRead';
import type { Fail, ParsedCall, RowCells } from './importShapes';
import { CellProblem, cleanOf, linesOf, minutesOf, timeAfter } from './importValues';

/**
 * The transfers of one row: 转接后负责人 and 转接时间 a line each (several
 * transfers), the answer from 转接接听时间 or, on the paper sheet, from the
 * 二次响应时长 waited. A bad transfer is one problem on 转接时间 and no transfers.
 * @example readTransfers(cells, { date: '2024-05-20', zone: 'Asia/Shanghai', answeredAt, paper: true }, fail) // [{ to_owner: '技术*工', … }]
 */
export function readTransfers(
  cells: RowCells,
  at: { date: string; zone: string; answeredAt: number | null; paper: boolean },
  fail: Fail,
): ParsedCall['transfers'] {
  const owners = linesOf(cells.get('transferTo'), at.paper);
  const timeLines = (key: RecordColumnKey): Array<RawCell | null> => {
    const cell = cells.get(key);
    // One transfer: a real date-time cell; several: a line each.
    return cell instanceof Date || typeof cell === 'number' ? [cell] : linesOf(cell, at.paper).map((l) => (l === '' ? null : l));
  };
  const times = timeLines('transferAt');
  const waits = timeLines('secondResponseMin');
  const answers = timeLines('transferAnsweredAt');
  if (owners.length === 0 && times.length === 0) return [];
  if (times.length !== owners.length) {
    fail('transferAt', 'transfer_counts', { owners: owners.length, times: times.length });
    return [];
  }
  const transfers: ParsedCall['transfers'] = [];
  let previous = at.answeredAt;
  for (let i = 0; i < owners.length; i++) {
    const n = i + 1;
    try {
      const to = cleanOf(owners[i]!, MAX_LABEL);
      if (to === null) throw new CellProblem('transfer_no_owner', { n });
      const transferredAt = timeAfter(times[i] ?? null, at.date, at.zone, previous);
      if (transferredAt === null) throw new CellProblem('transfer_no_time', { n });
      if (previous === null) throw new CellProblem('transfer_unanswered_call');
      if (transferredAt < previous) throw new CellProblem('transfer_out_of_order', { n });
      let answeredAt = cells.has('transferAnsweredAt') ? timeAfter(answers[i] ?? null, at.date, at.zone, transferredAt) : null;
      const waited = minutesOf(waits[i] ?? null);
      if (answeredAt === null && waited !== null && !cells.has('transferAnsweredAt')) answeredAt = transferredAt + Math.round(waited * 60_000);
      if (answeredAt !== null && answeredAt < transferredAt) throw new CellProblem('transfer_answered_before', { n });
      transfers.push({ to_owner: to, transferred_at: transferredAt, answered_at: answeredAt });
      previous = answeredAt ?? transferredAt;
    } catch (error) {
      if (!(error instanceof CellProblem)) throw error;
      fail('transferAt', error.code, error.params);
      return [];
    }
  }
  return transfers;
}
