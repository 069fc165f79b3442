import { teamStatusOf } from '../team/status';
import type { Handler } from './context';

/** The status line's facts: linked or not, changes waiting, the last push, parked records. Every profile may see them. */
export const teamStatus: Handler<'teamStatus'> = async (_req, { db }) => teamStatusOf(db);
