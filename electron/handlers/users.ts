import type { Kysely } from 'kysely';
import type { UserView } from '../../shared/api/records';
import { HotlineError } from '../../shared/api/result';
import { cleanText } from '../../shared/domain/text';
import type { Database, UserRow } from '../store/schema';
import { findUser, findUserByName, insertUser, listUsers as listUserRows, updateUser } from '../store/users';
import { inWriteTransaction } from '../store/writeTransaction';
import { requireRole, requireUser, type Handler } from './context';
import { hashPin, PIN_PATTERN, pinMatches } from './pin';

export const toUserView = (u: UserRow): UserView => ({ id: u.id, name: u.name, role: u.role, hasPin: u.pin_hash !== null, active: u.active === 1 });

export function checkedPin(pin: string | undefined | null): string | null {
  if (pin === undefined || pin === null || pin === '') return null;
  if (!PIN_PATTERN.test(pin)) throw new HotlineError('invalid_request', 'A PIN is 4 to 8 digits.', 'pin');
  return hashPin(pin);
}

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

export const signIn: Handler<'signIn'> = async (req, { db, session }) => {
  const user = await findUser(db, req.userId);
  if (!user || !user.active) throw new HotlineError('not_found', 'There is no such profile.', 'userId');
  if (user.pin_hash !== null && !pinMatches(req.pin ?? '', user.pin_hash)) {
    throw new HotlineError('wrong_pin', 'That PIN is not right.', 'pin');
  }
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
  const name = cleanText(req.name);
  if (name === '') throw new HotlineError('invalid_request', 'Type a name.', 'name');
  const id = await inWriteTransaction(db, async (trx) => {
    const clash = await findUserByName(trx, name);
    if (clash && clash.id !== req.id) throw new HotlineError('invalid_request', `There is already a profile named "${name}".`, 'name');
    if (req.id === undefined) {
      return insertUser(trx, { name, role: req.role, pin_hash: checkedPin(req.pin), created_at: now() });
    }
    const existing = await findUser(trx, req.id);
    if (!existing) throw new HotlineError('not_found', 'There is no such profile.');
    await refuseLosingLastAdmin(trx, existing, req.role, req.active);
    await updateUser(trx, req.id, {
      name,
      role: req.role,
      ...(req.active === undefined ? {} : { active: req.active ? 1 : 0 }),
      ...(req.pin === undefined ? {} : { pin_hash: checkedPin(req.pin) }),
    });
    return req.id;
  });
  return toUserView((await findUser(db, id))!);
};

async function refuseLosingLastAdmin(db: Kysely<Database>, user: UserRow, role: UserRow['role'], active: boolean | undefined): Promise<void> {
  if (user.role !== 'admin' || (role === 'admin' && active !== false)) return;
  const admins = (await listUserRows(db)).filter((u) => u.role === 'admin' && u.active === 1);
  if (admins.length <= 1) throw new HotlineError('invalid_request', 'Keep at least one active admin profile.', 'role');
}
