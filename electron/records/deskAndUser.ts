import type { Kysely } from 'kysely';
import { HotlineError } from '../../shared/api/result';
import { findDesk } from '../store/desk';
import type { Database, DeskRow, UserRow } from '../store/schema';
import { findUser } from '../store/users';

/** Who asks: the profile signed in on the asking window, if any. */
export interface Session {
  userId: number | null;
}

export async function requireDesk(db: Kysely<Database>): Promise<DeskRow> {
  const desk = await findDesk(db);
  if (!desk) throw new HotlineError('desk_not_set_up', 'Set up this desk first (desk code and your name).');
  return desk;
}

/** The signed-in profile; every change is made by someone. */
export async function requireUser(db: Kysely<Database>, session: Session): Promise<UserRow> {
  const user = session.userId === null ? undefined : await findUser(db, session.userId);
  if (!user || !user.active) throw new HotlineError('not_signed_in', 'Sign in first.');
  return user;
}

export const isLead = (user: UserRow): boolean => user.role === 'team_lead' || user.role === 'admin';
