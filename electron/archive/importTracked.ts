import type { ImportLayout } from '../../shared/api/archive';
import { TARGET_KINDS, type TargetKind } from '../../shared/timing/compliance';
import type { RowKey } from './columns';
import { CellProblem } from './importValues';
import { readVocab } from './vocab';

/**
 * The targets a sheet cannot record, decided from the columns it actually has:
 * history imported from it is not judged on them (they are stored as not
 * tracked and the timing core gives them 'na'), so a seed 000 complaint of 2024
 * is not "callback overdue by 943 days" because its sheet has no callback column.
 * - callback: without a column of when the callback was done (回访完成时间; seed 004's 回访情况);
 * - leadFollowUp: without 主管跟进完成时间 (only this exporter's files have it);
 * - progressUpdate: counted from the times of handling steps, which only this
 *   exporter's files give (paper and seed steps carry no time of their own).
 * Response, resolution, result told and transfers are judged from the moments
 * every layout gives or that are worked out (docs/excel.md, "Targets a sheet cannot record").
 * @example untrackedTargets({ layout: 'tracking', has: () => false }) // ['progressUpdate', 'callback', 'leadFollowUp']
 */
export function untrackedTargets(header: { layout: ImportLayout; has(key: RowKey): boolean }): TargetKind[] {
  // This exporter's files say it per record (不跟踪的目标), read by importRow: nothing more for the whole file.
  if (header.has('untrackedTargets')) return [];
  const out: TargetKind[] = [];
  if (!header.has('callbackDone')) out.push('callback');
  if (!header.has('leadFollowUpDone')) out.push('leadFollowUp');
  if (header.layout !== 'archive') out.push('progressUpdate');
  // In the timing core's order, as a record's stored list always is.
  return TARGET_KINDS.filter((k) => out.includes(k));
}

/**
 * The 不跟踪的目标 cell of this exporter's files: target names in either language (or keys), as stored.
 * @example untrackedOfCell('回访、主管跟进') === 'callback,leadFollowUp'
 */
export function untrackedOfCell(text: string | null): string | null {
  if (text === null) return null;
  const kinds = text.split(/[、,，;；\n]/).map((t) => t.trim()).filter((t) => t !== '').map((t) => {
    const kind = readVocab('target', t);
    if (kind === null) throw new CellProblem('unknown_value', { value: t });
    return kind;
  });
  return kinds.length === 0 ? null : TARGET_KINDS.filter((k) => kinds.includes(k)).join(',');
}
