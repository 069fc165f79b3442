import type { StatsReport } from '../../../../shared/api/stats';
import { CATEGORIES } from '../../../../shared/domain/fields';

/** The rows of the Statistics screen's and the period report's bar charts: two periods side by side, in a fixed order. */

export interface Row {
  key: string | number;
  a: number | null;
  b?: number | null | undefined;
}

/** The key of "not given": a record without a priority (''), a call without a result ('none'). */
const EMPTY = new Set(['', 'none']);

/** Two periods' figures merged per key, in the data's own order (hours, histogram buckets); a key missing from a period counts 0. */
export function pair<T, K extends string | number>(a: readonly T[], b: readonly T[] | undefined, key: (x: T) => K, value: (x: T) => number | null): Row[] {
  const keys = [...new Set([...a.map(key), ...(b ?? []).map(key)])];
  const of = (list: readonly T[], k: K) => {
    const found = list.find((x) => key(x) === k);
    return found === undefined ? 0 : (value(found) ?? 0);
  };
  return keys.map((k) => ({ key: k, a: of(a, k), b: b ? of(b, k) : undefined }));
}

/**
 * Two periods' figures per key in a fixed order, each key labelled: every key of `order` (so the
 * bars of two charts, or two months, line up), then any key the order does not know (a level of
 * an older policy), then "not given" last. A key neither period has is `missing`: 0 for a count,
 * null (no bar) for a rate, which would otherwise read as 0 %.
 * @example ordered([{ f: 'unsatisfied', n: 1 }], undefined, (x) => x.f, (x) => x.n, ['satisfied', 'unsatisfied'], String)
 *   → [{ key: 'satisfied', a: 0 }, { key: 'unsatisfied', a: 1 }]
 */
export function ordered<T>(
  a: readonly T[],
  b: readonly T[] | undefined,
  key: (x: T) => string,
  value: (x: T) => number | null,
  order: readonly string[],
  label: (key: string) => string,
  missing: 0 | null = 0,
): Row[] {
  const present = [...a, ...(b ?? [])].map(key);
  const keys = [...new Set([...order, ...present.filter((k) => !EMPTY.has(k)), ...present.filter((k) => EMPTY.has(k))])];
  const of = (list: readonly T[], k: string) => {
    const found = list.find((x) => key(x) === k);
    return found === undefined ? missing : value(found);
  };
  return keys.map((k) => ({ key: label(k), a: of(a, k), b: b ? of(b, k) : undefined }));
}

/** A category's name on an axis without its explanation in brackets: 处理中（需跟进） → 处理中, In progress (follow-up) → In progress. */
export function axisLabel(text: string): string {
  return text.replace(/\s*[（(][^（()）]*[）)]\s*$/, '');
}

/** A share as a chart value in percent, to 0.1, as the tables print it. */
export const pctValue = (x: number | null): number | null => (x === null ? null : Math.round(x * 1000) / 10);

/** Categories in the record's order (order, product, … other), as in the pick-list; one the list does not know, last. */
export function inCategoryOrder<T extends { category: string }>(list: readonly T[]): T[] {
  const rank = (key: string) => (CATEGORIES.includes(key as (typeof CATEGORIES)[number]) ? CATEGORIES.indexOf(key as (typeof CATEGORIES)[number]) : CATEGORIES.length);
  return [...list].sort((x, y) => rank(x.category) - rank(y.category));
}

export interface CategoryRow {
  category: string;
  a: number | null;
  b?: number | null | undefined;
  target: number | null;
}

/**
 * Resolution rate per category (percent, to 0.1) of the period and, when there is one, of the compared
 * period, beside the category's target, in the record's order of categories. A category without decided
 * records has no bar (null), not a bar at 0 %.
 */
export function byCategory(a: StatsReport, b: StatsReport | null | undefined): CategoryRow[] {
  const categories = inCategoryOrder([...new Set([...a.resolutionByCategory, ...(b?.resolutionByCategory ?? [])].map((c) => c.category))].map((category) => ({ category })));
  return categories.map(({ category }) => {
    const ofA = a.resolutionByCategory.find((c) => c.category === category);
    const ofB = b?.resolutionByCategory.find((c) => c.category === category);
    return { category, a: pctValue(ofA?.rate ?? null), ...(b ? { b: pctValue(ofB?.rate ?? null) } : {}), target: ofA?.target ?? ofB?.target ?? null };
  });
}
