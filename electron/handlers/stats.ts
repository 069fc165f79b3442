import { HotlineError } from '../../shared/api/result';
import { computeStats } from '../stats';
import type { Handler } from './context';
import { currentPolicy } from './policy';

/** The figures of a period; the screen asks twice to show two periods side by side. */
export const getStats: Handler<'getStats'> = async (req, { db, now }) => {
  if (req.to < req.from) throw new HotlineError('invalid_request', 'The range ends before it starts.', 'to');
  const { policy } = await currentPolicy(db, now());
  return computeStats(db, { from: req.from, to: req.to, now: now() }, policy);
};
