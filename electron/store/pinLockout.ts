import type { Kysely, Transaction } from 'kysely';
import type { Database, NewPinLockAudit, PinLockAuditRow, UserRow } from './schema';

type Db = Kysely<Database> | Transaction<Database>;

/** A profile's run of wrong PINs and its lock; the rules that set them are electron/records/pinLockout.ts. */
export async function setPinState(db: Db, userId: number, failures: number, lockedUntil: number | null): Promise<void> {
  await db.updateTable('users').set({ pin_failures: failures, pin_locked_until: lockedUntil }).where('id', '=', userId).execute();
}

/** Profiles whose lock has not ended at `now`, the one locked longest first. */
export async function listLockedUsers(db: Db, now: number): Promise<UserRow[]> {
  return db.selectFrom('users').selectAll().where('pin_locked_until', '>', now).orderBy('pin_locked_until', 'desc').orderBy('name').execute();
}

export async function appendPinLockAudit(db: Db, row: NewPinLockAudit): Promise<void> {
  await db.insertInto('pin_lock_audit').values(row).execute();
}

/** The newest entries first. */
export async function listPinLockAudit(db: Db, limit: number): Promise<PinLockAuditRow[]> {
  return db.selectFrom('pin_lock_audit').selectAll().orderBy('id', 'desc').limit(limit).execute();
}
