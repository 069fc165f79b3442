import type { StatsReport } from '../../shared/api/stats';
import type { DayVolumeRow, StatsQueries } from '../store/statsQueries';
import type { StatsRange } from './range';

const round1 = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);

/** Calls per local day and per hour of day (peak hours), and the three scores by day, from the rollups. */
export async function volume(q: StatsQueries, r: StatsRange): Promise<Pick<StatsReport, 'volumeByDay' | 'volumeByHour' | 'scoresByDay'>> {
  const [days, hours] = await Promise.all([q.dayVolumes(r), q.hourVolumes(r)]);
  const byDay = new Map<string, DayVolumeRow>();
  // Several desks merged into one database each have their own rollup rows: add them up per day.
  for (const d of days) {
    const seen = byDay.get(d.date);
    byDay.set(d.date, seen ? { date: d.date, calls: seen.calls + d.calls, speed_sum: seen.speed_sum + d.speed_sum, speed_n: seen.speed_n + d.speed_n, prof_sum: seen.prof_sum + d.prof_sum, prof_n: seen.prof_n + d.prof_n, res_sum: seen.res_sum + d.res_sum, res_n: seen.res_n + d.res_n } : d);
  }
  const avg = (sum: number, n: number) => (n > 0 ? round1(sum / n) : null);
  return {
    volumeByDay: [...byDay.values()].map((d) => ({ date: d.date, calls: d.calls })),
    volumeByHour: Array.from({ length: 24 }, (_, hour) => ({ hour, calls: hours.find((h) => h.hour === hour)?.calls ?? 0 })),
    scoresByDay: [...byDay.values()]
      .filter((d) => d.speed_n + d.prof_n + d.res_n > 0)
      .map((d) => ({ date: d.date, speed: avg(d.speed_sum, d.speed_n), professionalism: avg(d.prof_sum, d.prof_n), resolution: avg(d.res_sum, d.res_n) })),
  };
}
