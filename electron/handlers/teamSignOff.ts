import type { TeamScope } from '../team/scope';
import { TeamServerError } from '../teamStore/errors';
import { HotlineError } from '../../shared/api/result';
import { refuse } from '../../shared/i18n/refusals';
import { localDateTime } from '../../shared/timing/localTime';
import { requireRole, type Handler, type HandlerContext } from './context';

/**
 * The team sign-off panel (issue 14): a lead or an admin reads every desk's
 * day on the team server and signs one off there, in the signed-in lead's
 * name. The server decides (hotline_team.sign_off_day: the day over in the
 * desk's zone, no blockers, once per desk and date); its refusals come back
 * coded, so that the page says them in its language beside the desk's row.
 */

async function leadScope(ctx: HandlerContext) {
  const lead = await requireRole(ctx.db, ctx.session, ['team_lead', 'admin']);
  if (!ctx.team) throw refuse('team_scope_unavailable');
  return { lead, team: ctx.team };
}

/** A failure to reach or read the server, said as one. */
function unreachable(error: unknown): never {
  if (error instanceof TeamServerError) throw refuse('team_unreachable', { why: error.message });
  throw error;
}

export const teamSignOffDays: Handler<'teamSignOffDays'> = async (req, ctx) => {
  const { team } = await leadScope(ctx);
  try {
    const { serverNow, days } = await team.signOffDays(req.date, req.desks);
    return { date: req.date, serverNow, days };
  } catch (error) {
    return unreachable(error);
  }
};

export const teamSignOffDay: Handler<'teamSignOffDay'> = async (req, ctx) => {
  const { lead, team } = await leadScope(ctx);
  try {
    await team.signOff(req.desk, req.date, lead.name);
  } catch (error) {
    throw await refusalOf(error, team, req.desk, req.date);
  }
  try {
    const day = await team.signOffDay(req.desk, req.date);
    if (!day) throw refuse('team_no_such_desk', { desk: req.desk }, 'desk');
    return day;
  } catch (error) {
    return unreachable(error);
  }
};

/** The server's refusal of a sign-off as the page says it; anything else is the server not answering. */
async function refusalOf(error: unknown, team: TeamScope, desk: string, date: string): Promise<unknown> {
  if (!(error instanceof TeamServerError)) return error;
  switch (error.kind) {
    case 'dayNotOver':
      return new HotlineError('day_not_over', `${date} is not over yet in desk ${desk}'s zone.`, 'date', [date]);
    case 'signOffBlocked':
      return new HotlineError('sign_off_blocked', error.message, 'date');
    case 'noSuchDesk':
      return refuse('team_no_such_desk', { desk }, 'desk');
    case 'alreadySignedOff': {
      // Another lead signed first (the server keeps one sign-off per desk and date): say who, and when, in the desk's zone.
      const day = await team.signOffDay(desk, date).catch(() => undefined);
      const signed = day?.signedOff;
      if (!signed) return refuse('team_unreachable', { why: error.message });
      const zone = day.timeZone ?? 'UTC';
      return refuse('team_already_signed_off', { desk, date, by: signed.by, at: `${localDateTime(signed.at, zone)} (${zone})` }, 'desk');
    }
    default:
      return refuse('team_unreachable', { why: error.message });
  }
}
