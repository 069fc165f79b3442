import type { CallRecord } from '../api/records';

/**
 * The system clock can jump backwards while a call is open (an NTP correction,
 * a person fixing the time, a laptop's dead CMOS battery). A click means
 * "now"; if "now" is earlier than a moment already logged on the call, the
 * clock moved, not the caller. The click is still logged — refusing it would
 * lose what the agent just did — at the earliest moment it can stand for, so
 * no duration goes negative, and the record is flagged for a person to review.
 * A time the agent typed is theirs to correct and keeps being refused instead.
 */

/** What a clicked moment becomes, and by how much the clock was behind (0 when it was not). */
export interface GuardedMoment {
  at: number;
  clockBehindMs: number;
}

/**
 * @example guardClickedMoment(9_000, 10_000) → { at: 10_000, clockBehindMs: 1_000 }
 * @example guardClickedMoment(12_000, 10_000) → { at: 12_000, clockBehindMs: 0 }
 */
export function guardClickedMoment(clicked: number, earliest: number | null): GuardedMoment {
  if (earliest === null || clicked >= earliest) return { at: clicked, clockBehindMs: 0 };
  return { at: earliest, clockBehindMs: earliest - clicked };
}

/**
 * The latest moment already logged on a record: a click on it cannot stand for
 * an earlier one. (followUpDueAt is a deadline, not a moment that happened.)
 * @example latestMomentOf({ callAt: 1, answeredAt: 5, transfers: [], steps: [{ at: 9 }], … }) === 9
 */
export function latestMomentOf(record: Pick<CallRecord, 'callAt' | 'answeredAt' | 'closedAt' | 'resolvedAt' | 'resultToldAt' | 'callbackDoneAt' | 'leadFollowUpDoneAt' | 'transfers' | 'steps'>): number {
  const moments = [
    record.callAt,
    record.answeredAt,
    record.closedAt,
    record.resolvedAt,
    record.resultToldAt,
    record.callbackDoneAt,
    record.leadFollowUpDoneAt,
    ...record.transfers.flatMap((t) => [t.transferredAt, t.answeredAt]),
    ...record.steps.map((s) => s.at),
  ];
  return Math.max(...moments.filter((m): m is number => m !== null));
}

/**
 * Notices the wall clock stepping (backwards or forwards) by comparing it with
 * a monotonic clock, which never jumps: the two advance together unless the
 * wall clock was set. `tolerateMs` absorbs drift corrections and timer jitter.
 */
export class ClockStepWatch {
  private wall0: number;
  private mono0: number;

  constructor(
    private readonly wall: () => number = Date.now,
    private readonly mono: () => number = () => performance.now(),
    private readonly tolerateMs = 2_000,
  ) {
    this.wall0 = wall();
    this.mono0 = mono();
  }

  /** How far the wall clock jumped since the last call (negative: backwards); 0 within tolerance. */
  check(): number {
    const wall = this.wall();
    const mono = this.mono();
    const step = wall - this.wall0 - (mono - this.mono0);
    this.wall0 = wall;
    this.mono0 = mono;
    return Math.abs(step) > this.tolerateMs ? Math.round(step) : 0;
  }
}
