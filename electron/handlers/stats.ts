import { computeStats } from '../stats';
import { sqliteStatsQueries } from '../store/statsQueries';
import type { Handler } from './context';
import { currentPolicy } from '../records/policies';
import { refuse } from '../../shared/i18n/refusals';

/** The figures of a period; the screen asks twice to show two periods side by side. */
export const getStats: Handler<'getStats'> = async (req, { db, now }) => {
  if (req.to < req.from) throw refuse('range_reversed', {}, 'to');
  const { policy } = await currentPolicy(db, now());
  return computeStats(sqliteStatsQueries(db), { from: req.from, to: req.to, now: now() }, policy);
};
