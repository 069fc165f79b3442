import type { ImportLayout } from '../../shared/api/archive';
import type { TargetKind } from '../../shared/timing/compliance';
import type { RowKey } from './columns';

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
 * @example untrackedTargets({ layout: 'tracking', has: () => false }) // ['callback', 'leadFollowUp', 'progressUpdate']
 */
export function untrackedTargets(header: { layout: ImportLayout; has(key: RowKey): boolean }): TargetKind[] {
  const out: TargetKind[] = [];
  if (!header.has('callbackDone')) out.push('callback');
  if (!header.has('leadFollowUpDone')) out.push('leadFollowUp');
  if (header.layout !== 'archive') out.push('progressUpdate');
  return out;
}
