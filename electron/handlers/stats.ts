import { computeStats } from '../stats';
import { sqliteStatsQueries } from '../store/statsQueries';
import { onTeamServer, requireTeamScope, type Handler } from './context';
import { currentPolicy } from '../records/policies';
import { refuse } from '../../shared/i18n/refusals';

/**
 * The figures of a period; the screen asks twice to show two periods side by
 * side. In team scope (leads and admins) the same figures come from the team
 * server, over every desk or the desks asked for: the same code, another store.
 */
export const getStats: Handler<'getStats'> = async (req, ctx) => {
  const { db, now } = ctx;
  if (req.to < req.from) throw refuse('range_reversed', {}, 'to');
  const { policy } = await currentPolicy(db, now());
  const range = { from: req.from, to: req.to, now: now() };
  if (req.scope !== 'team') return computeStats(sqliteStatsQueries(db), range, policy);
  const { team } = await requireTeamScope(ctx, 'scope');
  return onTeamServer(() => computeStats(team.stats(req.desks), range, policy), 'scope');
};
