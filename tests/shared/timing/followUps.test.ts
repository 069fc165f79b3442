import { describe, expect, it } from 'vitest';
import type { TargetStatus } from '../../../shared/timing/compliance';
import { byUrgency, followUpsOf, type FollowUpSubject } from '../../../shared/timing/followUps';

const HOUR = 3_600_000;
const AT = Date.UTC(2026, 11, 1, 8);
const subject: FollowUpSubject = { callId: 7, recordNo: 'CS20261201007', salutation: '王先生', reason: '停水', promisedAt: null, owner: '技术部' };

function target(kind: TargetStatus['kind'], state: TargetStatus['state'], dueAt: number | null, endAt: number | null = null): TargetStatus {
  return { kind, index: 0, state, startAt: AT - HOUR, dueAt, endAt, elapsedMs: HOUR, remainingMs: dueAt === null ? 0 : dueAt - AT, used: 0.5 };
}

describe('follow-ups of a record (shared/timing/followUps)', () => {
  it('lists only open follow-up targets: not the call-time ones, not ended, not met or n/a', () => {
    const items = followUpsOf(subject, [
      target('response', 'breached', AT - HOUR),
      target('resolution', 'running', AT + 2 * HOUR),
      target('callback', 'met', AT + HOUR, AT - 1),
      target('leadFollowUp', 'na', null),
      target('resultTold', 'near', AT + HOUR),
    ], AT);
    expect(items.map((i) => [i.kind, i.state])).toEqual([['resolution', 'running'], ['resultTold', 'near']]);
    expect(items[0]!.owner).toBe('技术部');
    expect(items[1]!.owner).toBeNull();
  });

  it('a time promised to the customer earlier than the policy is the due time, and missing it is a breach', () => {
    const promised = { ...subject, promisedAt: AT - 60_000 };
    const [item] = followUpsOf(promised, [target('resolution', 'running', AT + 2 * HOUR)], AT);
    expect(item).toMatchObject({ dueAt: AT - 60_000, state: 'breached', remainingMs: -60_000, promisedAt: AT - 60_000 });
    const later = { ...subject, promisedAt: AT + 5 * HOUR };
    expect(followUpsOf(later, [target('resolution', 'running', AT + 2 * HOUR)], AT)[0]).toMatchObject({ dueAt: AT + 2 * HOUR, state: 'running' });
  });

  it('orders overdue first, then near, then running, each by due time', () => {
    const items = [
      ...followUpsOf({ ...subject, callId: 1 }, [target('resolution', 'running', AT + HOUR)], AT),
      ...followUpsOf({ ...subject, callId: 2 }, [target('callback', 'breached', AT - HOUR)], AT),
      ...followUpsOf({ ...subject, callId: 3 }, [target('resultTold', 'near', AT + 3 * HOUR)], AT),
      ...followUpsOf({ ...subject, callId: 4 }, [target('callback', 'breached', AT - 2 * HOUR)], AT),
      ...followUpsOf({ ...subject, callId: 5 }, [target('resultTold', 'near', AT + 2 * HOUR)], AT),
    ];
    expect(items.sort(byUrgency).map((i) => i.callId)).toEqual([4, 2, 5, 3, 1]);
  });
});
