import { HIGHER_IS_BETTER, type MeasureMetric, type MeasureView } from '../../../../shared/api/stats';

/** How an improvement measure's figure reads, on the Statistics screen and in the printed report alike. */

/** Minutes and misses per 100 calls as they are; the shares in percent, to 0.1. */
export const showMeasureValue = (metric: MeasureMetric, x: number | null): string =>
  x === null ? '—' : metric === 'avgResponseMin' || metric === 'breachesPer100' ? String(x) : `${(x * 100).toFixed(1)} %`;

/** Whether the figure after the measure's start is better than before it; null while either side has no records. */
export function measureImproved(m: MeasureView): boolean | null {
  const { before, after } = m.effect;
  if (before === null || after === null) return null;
  return HIGHER_IS_BETTER[m.metric] ? after > before : after < before;
}
