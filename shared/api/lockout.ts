import type { Role } from './records';

/** PIN lock-outs as the admin's Team screen shows them (issue 11). */

/** A profile whose sign-ins are refused until `lockedUntil` (epoch ms). */
export interface LockedProfile {
  userId: number;
  name: string;
  role: Role;
  lockedUntil: number;
  /** Wrong PINs in a row. */
  failures: number;
}

/** One line of the lock-out trail: a profile was locked, or someone cleared its lock. */
export interface LockoutEvent {
  event: 'locked' | 'unlocked';
  userName: string;
  at: number;
  failures: number;
  /** For 'locked': until when; for 'unlocked': the lock that was cleared (null when it had already ended). */
  lockedUntil: number | null;
  /** Who cleared it: an admin's name, or the `hotline users unlock` command. Null for 'locked'. */
  actor: string | null;
}

export interface LockoutsView {
  locked: LockedProfile[];
  /** Newest first, at most LOCKOUT_TRAIL_LIMIT entries. */
  trail: LockoutEvent[];
}

export const LOCKOUT_TRAIL_LIMIT = 200;
