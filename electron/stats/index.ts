import type { StatsReport } from '../../shared/api/stats';
import type { Policy } from '../../shared/policy/schema';
import type { StatsQueries } from '../store/statsQueries';
import { complianceByPriority, resolutionByCategory, results } from './compliance';
import { kpisOf } from './kpis';
import { phoneKpis } from './phone';
import { satisfaction, topReasons } from './outcomes';
import { agents, followUps, transfers } from './people';
import type { StatsRange } from './range';
import { responseDistribution } from './response';
import { volume } from './volume';

/**
 * Every figure of a period: the settled part summed from the per-day rollups
 * (kept by triggers, migration 0004), the part that depends on "now" from the
 * few records with a running target. The Statistics screen, `hotline stats` and
 * the Excel summary sheet all call this.
 */
export async function computeStats(q: StatsQueries, range: StatsRange, policy: Policy): Promise<StatsReport> {
  const running = await q.runningRows(range);
  const [totals, v, response, dims, reasons, people, transferred, phone] = await Promise.all([
    q.dayTotals(range),
    volume(q, range),
    responseDistribution(q, range),
    q.dimensions(range),
    topReasons(q, range),
    agents(q, range, running),
    transfers(q, range),
    phoneKpis(q, range, policy),
  ]);
  return {
    from: range.from,
    to: range.to,
    kpis: { ...kpisOf(totals, running, range.now), serviceLevel: phone.serviceLevel, abandonRate: phone.abandonRate, asaSec: phone.asaSec, ahtSec: phone.ahtSec },
    phone,
    ...v,
    response,
    complianceByPriority: complianceByPriority(dims, running, range.now),
    resolutionByCategory: resolutionByCategory(dims, running, range.now, policy),
    results: results(dims),
    satisfaction: satisfaction(totals),
    topReasons: reasons,
    agents: people,
    transfers: transferred,
    followUps: followUps(running, range.now),
  };
}
