import type { StatsReport } from '../../../../shared/api/stats';

/** The charts' data, shared by the Statistics screen and the printed report so that both draw the same bars. */

/** A share as a chart value in percent, to 0.1, as the tables print it. */
export const pct = (x: number | null): number | null => (x === null ? null : Math.round(x * 1000) / 10);

export type PairRow = { key: string | number; a: number; b?: number | undefined };

/** Two periods' figures merged per key, for side-by-side bars; a key missing from a period counts 0. */
export function pair<T, K extends string | number>(a: T[], b: T[] | undefined, key: (x: T) => K, value: (x: T) => number | null): PairRow[] {
  const keys = [...new Set([...a.map(key), ...(b ?? []).map(key)])];
  const of = (list: T[], k: K) => {
    const found = list.find((x) => key(x) === k);
    return found === undefined ? 0 : (value(found) ?? 0);
  };
  return keys.map((k) => ({ key: k, a: of(a, k), b: b ? of(b, k) : undefined }));
}

export type CategoryRow = { category: string; a: number | null; b?: number | null | undefined; target: number | null };

/**
 * Resolution rate per category (percent, to 0.1) of the period and, when there is one, of the compared
 * period, beside the category's target: the period's categories first, then any only the compared one has.
 * A category without decided records has no bar (null), not a bar at 0 %.
 */
export function byCategory(a: StatsReport, b: StatsReport | null | undefined): CategoryRow[] {
  const categories = [...new Set([...a.resolutionByCategory, ...(b?.resolutionByCategory ?? [])].map((c) => c.category))];
  return categories.map((category) => {
    const ofA = a.resolutionByCategory.find((c) => c.category === category);
    const ofB = b?.resolutionByCategory.find((c) => c.category === category);
    return { category, a: pct(ofA?.rate ?? null), ...(b ? { b: pct(ofB?.rate ?? null) } : {}), target: ofA?.target ?? ofB?.target ?? null };
  });
}
