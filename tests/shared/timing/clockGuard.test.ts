import { describe, expect, it } from 'vitest';
import { ClockStepWatch, guardClickedMoment, latestMomentOf } from '../../../shared/timing/clockGuard';
import { formatElapsed, minutesBetween } from '../../../shared/timing/durations';

describe('a clock that jumps backwards while a call is open', () => {
  it('never yields a negative duration (shared/timing/durations clamps at 0)', () => {
    const callAt = Date.UTC(2024, 4, 20, 6, 15);
    expect(minutesBetween(callAt, callAt - 3_600_000)).toBe(0);
    expect(formatElapsed(-5_000)).toBe('0:00');
  });

  it('logs a click that reads earlier than the call at the call moment, and by how much the clock was behind', () => {
    expect(guardClickedMoment(9_000, 10_000)).toEqual({ at: 10_000, clockBehindMs: 1_000 });
    expect(guardClickedMoment(12_000, 10_000)).toEqual({ at: 12_000, clockBehindMs: 0 });
    expect(guardClickedMoment(12_000, null)).toEqual({ at: 12_000, clockBehindMs: 0 });
  });

  it('finds the latest moment logged on a record, wherever it is', () => {
    const none = { answeredAt: null, closedAt: null, resolvedAt: null, resultToldAt: null, callbackDoneAt: null, leadFollowUpDoneAt: null, transfers: [], steps: [] };
    expect(latestMomentOf({ ...none, callAt: 100 })).toBe(100);
    expect(latestMomentOf({ ...none, callAt: 100, answeredAt: 200, transfers: [{ seq: 1, to: 'IT', transferredAt: 300, answeredAt: null, secondResponseMinutes: null }] })).toBe(300);
    expect(latestMomentOf({ ...none, callAt: 100, answeredAt: 200, steps: [{ n: 1, at: 450, author: 'x', text: 'y' }], closedAt: 400 })).toBe(450);
  });

  it('notices the wall clock stepping by comparing it with a monotonic clock', () => {
    let wall = 1_000_000;
    let mono = 0;
    const watch = new ClockStepWatch(() => wall, () => mono, 2_000);
    wall += 60_000;
    mono += 60_000;
    expect(watch.check()).toBe(0);
    wall -= 3_600_000; // someone set the clock an hour back
    mono += 1_000;
    expect(watch.check()).toBe(-3_601_000); // an hour back, plus the second that should have passed
    wall += 1_500; // drift within tolerance
    mono += 1_000;
    expect(watch.check()).toBe(0);
  });
});
