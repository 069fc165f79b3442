import type { Kysely } from 'kysely';
import type { StatsReport } from '../../shared/api/stats';
import type { Policy } from '../../shared/policy/schema';
import type { Database } from '../store/schema';
import { complianceByPriority, resolutionByCategory } from './compliance';
import { kpis } from './kpis';
import { outcomes } from './outcomes';
import { agents, followUps, transfers } from './people';
import type { StatsRange } from './range';
import { responseDistribution } from './response';
import { volume } from './volume';

/**
 * Every figure of a period, computed in SQL over the stored due times. The
 * Statistics screen, `hotline stats` and the Excel summary sheet all call this.
 */
export async function computeStats(db: Kysely<Database>, range: StatsRange, policy: Policy): Promise<StatsReport> {
  const [k, v, response, compliance, resolution, out, people, transferred, follow] = await Promise.all([
    kpis(db, range),
    volume(db, range),
    responseDistribution(db, range),
    complianceByPriority(db, range),
    resolutionByCategory(db, range, policy),
    outcomes(db, range),
    agents(db, range),
    transfers(db, range),
    followUps(db, range),
  ]);
  return {
    from: range.from,
    to: range.to,
    kpis: k,
    ...v,
    response,
    complianceByPriority: compliance,
    resolutionByCategory: resolution,
    ...out,
    agents: people,
    transfers: transferred,
    followUps: follow,
  };
}
