import type { Kysely } from 'kysely';
import { LOCKOUT_TRAIL_LIMIT, type LockoutsView } from '../../shared/api/lockout';
import type { Database } from '../store/schema';
import { listLockedUsers, listPinLockAudit } from '../store/pinLockout';
import { requireRole, type Handler } from './context';
import { clearPinLock } from '../records/pinLockout';

/** Who is locked out now and the lock-out trail: the admin's part of the Team screen. */
export async function lockoutsView(db: Kysely<Database>, now: number): Promise<LockoutsView> {
  const locked = (await listLockedUsers(db, now)).map((u) => ({ userId: u.id, name: u.name, role: u.role, lockedUntil: u.pin_locked_until ?? now, failures: u.pin_failures }));
  const trail = (await listPinLockAudit(db, LOCKOUT_TRAIL_LIMIT)).map((r) => ({
    event: r.event,
    userName: r.user_name,
    at: r.at,
    failures: r.failures,
    lockedUntil: r.locked_until,
    actor: r.actor,
  }));
  return { locked, trail };
}

export const getLockouts: Handler<'getLockouts'> = async (_req, { db, session, now }) => {
  await requireRole(db, session, ['admin']);
  return lockoutsView(db, now());
};

/** An admin clears a profile's lock (and its run of wrong PINs); it goes to the lock-out trail. */
export const clearLockout: Handler<'clearLockout'> = async (req, { db, session, now }) => {
  const admin = await requireRole(db, session, ['admin']);
  await clearPinLock(db, req.userId, { name: admin.name, id: admin.id }, now());
  return lockoutsView(db, now());
};
