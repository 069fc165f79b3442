import { teamStatusOf } from '../team/status';
import { findUser } from '../store/users';
import { currentPolicy } from '../records/policies';
import { localDate } from '../../shared/timing/localTime';
import { onTeamServer, requireDesk, requireTeamScope, type Handler } from './context';

/** The status line's facts: linked or not, changes waiting, the last push, parked records. Every profile may see them. */
export const teamStatus: Handler<'teamStatus'> = async (_req, { db }) => teamStatusOf(db);

/** Whether this desk reads team scope, and the team's desks: leads and admins only (an agent's screens never offer it). */
export const teamScope: Handler<'teamScope'> = async (_req, { db, session, team }) => {
  const user = session.userId === null ? undefined : await findUser(db, session.userId);
  if (!team || !user || (user.role !== 'team_lead' && user.role !== 'admin')) return { available: false, desks: [] };
  return { available: true, desks: await team.desks().catch(() => []) };
};

/** The team board: leads and admins, with team scope; "today" and "near" as this desk's zone and policy say. */
export const teamBoard: Handler<'teamBoard'> = async (_req, ctx) => {
  const { team } = await requireTeamScope(ctx);
  const desk = await requireDesk(ctx.db);
  const { policy } = await currentPolicy(ctx.db, ctx.now());
  return onTeamServer(() => team.board(localDate(ctx.now(), desk.time_zone), policy.warningAt));
};
