import type { Kysely } from 'kysely';
import type { UserView } from '../../shared/api/records';
import { HotlineError } from '../../shared/api/result';
import type { Database, UserRow } from '../store/schema';
import { findUser, listUsers as listUserRows, updateUser } from '../store/users';
import { inWriteTransaction } from '../store/writeTransaction';
import { requireRole, requireUser, type Handler } from './context';
import { addProfile, checkedPin, profileName, refuseNameClash } from '../records/profiles';
import { checkPinThrottled } from '../records/pinLockout';
import { refuse } from '../../shared/i18n/refusals';

export const toUserView = (u: UserRow): UserView => ({ id: u.id, name: u.name, role: u.role, hasPin: u.pin_hash !== null, active: u.active === 1 });

/** A desk with a single profile and no PIN needs no sign-in: it is signed in by itself. */
export const whoAmI: Handler<'whoAmI'> = async (_req, { db, session }) => {
  if (session.userId !== null) {
    const user = await findUser(db, session.userId);
    if (user?.active) return toUserView(user);
  }
  const active = (await listUserRows(db)).filter((u) => u.active === 1);
  const only = active[0];
  if (active.length === 1 && only && only.pin_hash === null) {
    session.userId = only.id;
    return toUserView(only);
  }
  return null;
};

export const listUsers: Handler<'listUsers'> = async (_req, { db }) => (await listUserRows(db)).map(toUserView);

/** Under the lock-out rules of pinLockout.ts: a locked profile is refused before its PIN is hashed. */
export const signIn: Handler<'signIn'> = async (req, { db, session, now }) => {
  const user = await checkPinThrottled(db, req.userId, req.pin ?? '', now);
  session.userId = user.id;
  return toUserView(user);
};

export const signOut: Handler<'signOut'> = async (_req, { session }) => {
  session.userId = null;
  return null;
};

/**
 * Adds or edits a profile (admins), or lets anyone change their own name or PIN.
 * The last active admin cannot be demoted or deactivated: the desk would lose its policy keeper.
 */
export const saveUser: Handler<'saveUser'> = async (req, { db, session, now }) => {
  const self = await requireUser(db, session);
  const editingSelfOnly = req.id === self.id && req.role === self.role && req.active !== false;
  if (!editingSelfOnly) await requireRole(db, session, ['admin']);
  if (req.id === undefined) return toUserView(await addProfile(db, { name: req.name, role: req.role, pin: req.pin }, now()));
  const id = req.id;
  const name = profileName(req.name);
  const pinHash = req.pin === undefined ? undefined : await checkedPin(req.pin);
  await inWriteTransaction(db, async (trx) => {
    await refuseNameClash(trx, name, id);
    const existing = await findUser(trx, id);
    if (!existing) throw new HotlineError('not_found', 'There is no such profile.');
    await refuseLosingLastAdmin(trx, existing, req.role, req.active);
    // A team profile came without a PIN (the server never has one): it signs in here only once it has one.
    const willBeActive = req.active === undefined ? existing.active === 1 : req.active;
    if (existing.team_id !== null && willBeActive && (pinHash === undefined ? existing.pin_hash : pinHash) === null) throw refuse('team_profile_needs_pin', {}, 'pin');
    await updateUser(trx, id, {
      name,
      role: req.role,
      ...(req.active === undefined ? {} : { active: req.active ? 1 : 0 }),
      ...(pinHash === undefined ? {} : { pin_hash: pinHash }),
    });
  });
  return toUserView((await findUser(db, id))!);
};

async function refuseLosingLastAdmin(db: Kysely<Database>, user: UserRow, role: UserRow['role'], active: boolean | undefined): Promise<void> {
  if (user.role !== 'admin' || (role === 'admin' && active !== false)) return;
  const admins = (await listUserRows(db)).filter((u) => u.role === 'admin' && u.active === 1);
  if (admins.length <= 1) throw refuse('last_admin', {}, 'role');
}
