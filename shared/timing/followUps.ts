import type { FollowUpItem, FollowUpKind } from '../api/records';
import type { TargetStatus } from './compliance';

/** The targets that make a follow-up: work owed after the call itself. */
const KINDS: readonly FollowUpKind[] = ['resolution', 'progressUpdate', 'resultTold', 'callback', 'leadFollowUp'];
const STATE_ORDER = { breached: 0, near: 1, running: 2 } as const;

/** What of a record a follow-up item shows besides its targets. */
export interface FollowUpSubject {
  callId: number;
  recordNo: string;
  salutation: string | null;
  reason: string | null;
  /** The follow-up time the agent promised the customer, if any. */
  promisedAt: number | null;
  /** Who took the follow-up over, else who handled the call. */
  owner: string | null;
}

/**
 * A record's open follow-ups at `at`, from its evaluated targets: each running,
 * near or breached follow-up target not yet ended. A time promised to the
 * customer that is earlier than the policy's due time is the one that counts,
 * and missing it is a breach. Pure, so the desk's list and the team's list
 * (issue 14) judge alike.
 */
export function followUpsOf(subject: FollowUpSubject, targets: readonly TargetStatus[], at: number): FollowUpItem[] {
  const items: FollowUpItem[] = [];
  for (const target of targets) {
    const kind = target.kind as FollowUpKind;
    if (!KINDS.includes(kind) || target.dueAt === null || target.endAt !== null) continue;
    if (target.state !== 'running' && target.state !== 'near' && target.state !== 'breached') continue;
    const promised = kind === 'resolution' ? subject.promisedAt : null;
    const promiseFirst = promised !== null && promised < target.dueAt;
    items.push({
      callId: subject.callId,
      recordNo: subject.recordNo,
      salutation: subject.salutation,
      reason: subject.reason,
      kind,
      dueAt: promiseFirst ? promised : target.dueAt,
      state: promiseFirst && at > promised ? 'breached' : target.state,
      remainingMs: promiseFirst ? promised - at : target.remainingMs,
      owner: kind === 'resolution' || kind === 'progressUpdate' ? subject.owner : null,
      promisedAt: promised,
    });
  }
  return items;
}

/** The Follow-ups order: overdue first, then near, then running; within each, the earliest due first. */
export const byUrgency = (a: FollowUpItem, b: FollowUpItem): number => STATE_ORDER[a.state] - STATE_ORDER[b.state] || a.dueAt - b.dueAt;
