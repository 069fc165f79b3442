import type { Kysely } from 'kysely';
import { HotlineError } from '../../shared/api/result';
import { findDesk } from '../store/desk';
import type { Database, DeskRow, UserRow } from '../store/schema';
import { findUser } from '../store/users';

/** Who asks: the profile signed in on the asking window, if any. */
export interface Session {
  userId: number | null;
  /**
   * A team lead's change from the team server's inbox (team/inbox.ts): made by
   * a lead of the team, who need not be a profile of this desk. Only the inbox's
   * applier sets it, never a window.
   */
  teamLead?: { name: string; entry: number };
  /**
   * The phone system's own events (records/phoneEvents.ts): the moments it
   * stamps are its, and the audit trail names it (`phone:ami`, `phone:cti`)
   * as the source. Only the telephony intake sets it, never a window.
   */
  phone?: { system: 'ami' | 'cti' };
}

/** The id a team lead from the inbox has in a change: no profile of this desk (its audit rows carry no actor id). */
export const TEAM_LEAD_FROM_INBOX = 0;

/** The id the phone system has in a change: no profile either. */
export const PHONE_SYSTEM = -1;

/** The audit trail's actor for the phone system's changes: the renderer names it in the reader's language. */
export const phoneActor = (system: 'ami' | 'cti'): string => `phone:${system}`;

export async function requireDesk(db: Kysely<Database>): Promise<DeskRow> {
  const desk = await findDesk(db);
  if (!desk) throw new HotlineError('desk_not_set_up', 'Set up this desk first (desk code and your name).');
  return desk;
}

/** The signed-in profile; every change is made by someone. */
export async function requireUser(db: Kysely<Database>, session: Session): Promise<UserRow> {
  if (session.teamLead) {
    return { id: TEAM_LEAD_FROM_INBOX, name: session.teamLead.name, role: 'team_lead', pin_hash: null, active: 1, created_at: 0, pin_failures: 0, pin_locked_until: null, team_id: null };
  }
  if (session.phone) {
    return { id: PHONE_SYSTEM, name: phoneActor(session.phone.system), role: 'agent', pin_hash: null, active: 1, created_at: 0, pin_failures: 0, pin_locked_until: null, team_id: null };
  }
  const user = session.userId === null ? undefined : await findUser(db, session.userId);
  if (!user || !user.active) throw new HotlineError('not_signed_in', 'Sign in first.');
  return user;
}

export const isLead = (user: UserRow): boolean => user.role === 'team_lead' || user.role === 'admin';
