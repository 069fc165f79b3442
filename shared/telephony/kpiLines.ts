import type { PhoneFigures, PhoneKpis } from '../api/stats';

/**
 * The call-centre KPIs as the lines every surface prints (Statistics, the
 * period report, the Excel summary, `hotline stats`): the figure, its unit,
 * and the count it was computed over, shown beside it. The label and the
 * formula are the dictionaries' `phoneKpi.<key>` and `phoneKpi.<key>.formula`,
 * filled with `formulaParams` (call centres define these differently, so the
 * formula is always printed).
 */
export const PHONE_KPI_KEYS = ['serviceLevel', 'asa', 'abandonRate', 'aht', 'wrapUp', 'longestWait', 'callbacks'] as const;
export type PhoneKpiKey = (typeof PHONE_KPI_KEYS)[number];

export interface PhoneKpiLine {
  key: PhoneKpiKey;
  /** A share 0–1 or seconds; null where the count is zero ("—"). */
  value: number | null;
  unit: 'share' | 'sec';
  /** The calls it was computed over: its denominator (for the longest wait, every call offered). */
  basis: number;
}

export function phoneKpiLines(f: PhoneFigures): PhoneKpiLine[] {
  const counted = f.offered - f.shortAbandons;
  const lines: Record<PhoneKpiKey, Omit<PhoneKpiLine, 'key'>> = {
    serviceLevel: { value: f.serviceLevel, unit: 'share', basis: counted },
    asa: { value: f.asaSec, unit: 'sec', basis: f.answered },
    abandonRate: { value: f.abandonRate, unit: 'share', basis: counted },
    aht: { value: f.ahtSec, unit: 'sec', basis: f.talked },
    wrapUp: { value: f.wrapUpSec, unit: 'sec', basis: f.wrapped },
    longestWait: { value: f.longestWaitSec, unit: 'sec', basis: f.offered },
    callbacks: { value: f.callbackRate, unit: 'share', basis: f.callbacksDue - f.callbacksOpenInTime },
  };
  return PHONE_KPI_KEYS.map((key) => ({ key, ...lines[key] }));
}

/** What the formulas are filled with: the thresholds of the policy the calls were judged by. */
export const formulaParams = (p: Pick<PhoneKpis, 'targets'>) => ({ sec: p.targets.answeredWithinSec, short: p.targets.shortAbandonSec, pct: p.targets.serviceLevelPct });

/** A line's value as text: a percentage to 0.1, seconds to 0.1 (in the reader's words for a second: "9 s", "9 秒"), "—" for none. */
export function showPhoneValue(value: number | null, unit: PhoneKpiLine['unit'], seconds: (sec: number) => string = (sec) => `${sec} s`): string {
  if (value === null) return '—';
  return unit === 'share' ? `${(value * 100).toFixed(1)} %` : seconds(value);
}
