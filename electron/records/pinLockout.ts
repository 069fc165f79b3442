import type { Kysely } from 'kysely';
import { HotlineError } from '../../shared/api/result';
import { findUser } from '../store/users';
import { appendPinLockAudit, setPinState } from '../store/pinLockout';
import type { Database, UserRow } from '../store/schema';
import { inWriteTransaction } from '../store/writeTransaction';
import { pinMatches } from './pin';

/**
 * Throttling PIN guesses (issue 11, OWASP's authentication guidance): a 4-digit
 * PIN falls to 10,000 tries, so after FREE_TRIES wrong PINs in a row a profile
 * is locked, for twice as long at each further wrong PIN, up to a cap.
 *
 * The order is what makes it hold:
 * 1. One write transaction, before any hashing: a locked profile is refused,
 *    a right PIN included; otherwise this attempt is counted as wrong at once
 *    (and the lock it would earn is set). Requests sent side by side therefore
 *    cannot all pass the check while the first is still hashing, and a process
 *    killed mid-hash has spent a try.
 * 2. The hash, off the main thread.
 * 3. A right PIN clears the run and the lock; a wrong one that reached a lock
 *    writes the lock-out to the trail.
 */
export const FREE_TRIES = 5;
const FIRST_LOCK_MS = 30_000;
const MAX_LOCK_MS = 15 * 60_000;

/**
 * How long a profile is locked once its run of wrong PINs reaches `failures`.
 * @example lockDurationMs(4) === 0; lockDurationMs(5) === 30_000; lockDurationMs(6) === 60_000; lockDurationMs(20) === 900_000
 */
export function lockDurationMs(failures: number): number {
  if (failures < FREE_TRIES) return 0;
  return Math.min(FIRST_LOCK_MS * 2 ** (failures - FREE_TRIES), MAX_LOCK_MS);
}

/** Checks a profile's PIN under the lock-out rules; returns the profile, or throws wrong_pin / pin_locked. */
export async function checkPinThrottled(db: Kysely<Database>, userId: number, pin: string, now: () => number): Promise<UserRow> {
  const step = await inWriteTransaction(db, async (trx): Promise<{ refusedFor: number } | { user: UserRow; lockedUntil: number | null }> => {
    const found = await findUser(trx, userId);
    if (!found || !found.active) throw new HotlineError('not_found', 'There is no such profile.', 'userId');
    const at = now();
    // Returned, not thrown: a lock shortened after a clock change must commit.
    const lockEnd = await lockInForce(trx, found, at);
    if (lockEnd !== null) return { refusedFor: lockEnd - at };
    if (found.pin_hash === null) return { user: found, lockedUntil: null };
    const failures = found.pin_failures + 1;
    const lockMs = lockDurationMs(failures);
    const until = lockMs > 0 ? at + lockMs : null;
    await setPinState(trx, found.id, failures, until);
    return { user: { ...found, pin_failures: failures, pin_locked_until: until }, lockedUntil: until };
  });
  if ('refusedFor' in step) throw lockedError(step.refusedFor);
  const { user, lockedUntil } = step;
  if (user.pin_hash === null) return user;
  if (await pinMatches(pin, user.pin_hash)) {
    await inWriteTransaction(db, (trx) => setPinState(trx, user.id, 0, null));
    return { ...user, pin_failures: 0, pin_locked_until: null };
  }
  if (lockedUntil === null) throw new HotlineError('wrong_pin', 'That PIN is not right.', 'pin');
  await appendPinLockAudit(db, { user_id: user.id, user_name: user.name, event: 'locked', at: now(), failures: user.pin_failures, locked_until: lockedUntil, actor: null, actor_id: null });
  throw lockedError(lockedUntil - now());
}

/**
 * When the profile's running lock ends, or null when none runs. A lock that
 * ends further ahead than its own length can only come from a clock set back
 * since; it is shortened to that length, or a wrong date on the desk would
 * lock a person out for days.
 */
async function lockInForce(db: Kysely<Database>, user: UserRow, at: number): Promise<number | null> {
  if (user.pin_locked_until === null || user.pin_locked_until <= at) return null;
  const until = Math.min(user.pin_locked_until, at + lockDurationMs(user.pin_failures));
  if (until !== user.pin_locked_until) await setPinState(db, user.id, user.pin_failures, until);
  return until;
}

/** The refusal carries the wait in whole seconds (problems[0]) so that the page can say it in the reader's language. */
function lockedError(waitMs: number): HotlineError {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  const wait = seconds < 60 ? `${seconds} s` : `${Math.ceil(seconds / 60)} min`;
  return new HotlineError('pin_locked', `Too many wrong PINs for this profile. Try again in ${wait}.`, 'pin', [String(seconds)]);
}

/** Who clears a lock: a signed-in admin, or `hotline users unlock` on the desk's own machine. */
export interface Unlocker {
  name: string;
  id: number | null;
}

/**
 * Clears a profile's lock and its run of wrong PINs, and writes it to the
 * trail. Returns false (and writes nothing) when there was nothing to clear.
 */
export async function clearPinLock(db: Kysely<Database>, userId: number, by: Unlocker, now: number): Promise<boolean> {
  return inWriteTransaction(db, async (trx) => {
    const user = await findUser(trx, userId);
    if (!user) throw new HotlineError('not_found', 'There is no such profile.', 'userId');
    if (user.pin_failures === 0 && user.pin_locked_until === null) return false;
    await setPinState(trx, user.id, 0, null);
    const stillLocked = user.pin_locked_until !== null && user.pin_locked_until > now ? user.pin_locked_until : null;
    await appendPinLockAudit(trx, { user_id: user.id, user_name: user.name, event: 'unlocked', at: now, failures: user.pin_failures, locked_until: stillLocked, actor: by.name, actor_id: by.id });
    return true;
  });
}
