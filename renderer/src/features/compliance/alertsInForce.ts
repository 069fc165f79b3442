import type { CallSummary } from '../../../../shared/api/records';
import type { TargetKind, TargetStatus } from '../../../../shared/timing/compliance';

/** What an alert is about: one target of one record, in the state it turned to. */
export interface AlertSubject {
  recordId: number;
  kind: TargetKind;
  index: number;
  state: 'near' | 'breached';
}

/**
 * Whether an alert still asks for something. A near alert lasts while its target
 * is near and not done (a breach raises its own alert; done in time needs nothing).
 * A breached alert lasts until the target has its miss reason or the call is closed
 * (which needs that reason). An alert of a record no longer in the day's list goes too.
 */
export function alertInForce(alert: AlertSubject, record: CallSummary | undefined, statuses: readonly TargetStatus[]): boolean {
  if (!record || record.closedAt !== null) return false;
  const target = statuses.find((s) => s.kind === alert.kind && s.index === alert.index);
  if (!target) return false;
  if (alert.state === 'near') return target.state === 'near' && target.endAt === null;
  if (target.state !== 'breached') return false;
  return !record.reasonsGiven.some((r) => r.kind === alert.kind && r.index === alert.index);
}
