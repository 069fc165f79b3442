import { describe, expect, it } from 'vitest';
import type { CallSummary } from '../../../shared/api/records';
import type { TargetStatus } from '../../../shared/timing/compliance';
import { alertInForce, type AlertSubject } from '../../../renderer/src/features/compliance/alertsInForce';

const record = (over: Partial<CallSummary> = {}): CallSummary => ({ id: 1, closedAt: null, reasonsGiven: [], ...over }) as CallSummary;
const status = (state: TargetStatus['state'], endAt: number | null = null): TargetStatus[] => [
  { kind: 'response', index: 0, state, startAt: 0, dueAt: 10, endAt, elapsedMs: 0, remainingMs: 0, used: 0 },
];
const near: AlertSubject = { recordId: 1, kind: 'response', index: 0, state: 'near' };
const breached: AlertSubject = { ...near, state: 'breached' };

describe('an alert stays while it asks for something', () => {
  it('a near alert lasts while the target is near; met, or turned breached (its own alert), it goes', () => {
    expect(alertInForce(near, record(), status('near'))).toBe(true);
    expect(alertInForce(near, record(), status('met', 5))).toBe(false);
    expect(alertInForce(near, record(), status('breached'))).toBe(false);
  });

  it('a breached alert lasts, answered late or not, until the miss has its reason', () => {
    expect(alertInForce(breached, record(), status('breached'))).toBe(true);
    expect(alertInForce(breached, record(), status('breached', 20))).toBe(true);
    expect(alertInForce(breached, record({ reasonsGiven: [{ kind: 'response', index: 0 }] }), status('breached', 20))).toBe(false);
    // A reason for another target does not count.
    expect(alertInForce(breached, record({ reasonsGiven: [{ kind: 'secondResponse', index: 0 }] }), status('breached', 20))).toBe(true);
  });

  it('goes when the call is closed, or is no longer in the day list', () => {
    expect(alertInForce(breached, record({ closedAt: 30 }), status('breached', 20))).toBe(false);
    expect(alertInForce(breached, undefined, status('breached'))).toBe(false);
  });
});
