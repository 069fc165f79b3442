import { DateTime } from 'luxon';
import type { Lang, MessageKey } from '../../../../shared/i18n';
import { pctValue } from '../stats/chartRows';

/** The figures as the Statistics screen and `hotline stats` print them: shares to 0.1 %, minutes as computed. */
export const pct = (x: number | null): string => (x === null ? '—' : `${(x * 100).toFixed(1)} %`);
export const num = (x: number | null): string => (x === null ? '—' : String(x));
// A share as a chart value in percent, to 0.1: the charts' own rule, so that a bar and the change beside it agree.
export { pctValue };

/** How many decimals a figure is shown with (String(x) shows them all). */
const decimals = (x: number): number => (Number.isInteger(x) ? 0 : (String(x).split('.')[1]?.length ?? 0));

/**
 * A change between two periods: percentage points for shares, the plain difference otherwise. It is
 * worked out from the figures as shown (shares to 0.1 %), so that it is their difference: 99.5 % beside
 * 99.3 % reads +0.2 pt, even when the exact shares (99.54 %, 99.25 %) are 0.29 pt apart.
 */
export function change(a: number | null, b: number | null, share: boolean): string {
  if (a === null || b === null) return '—';
  const [x, y] = share ? [pctValue(a)!, pctValue(b)!] : [a, b];
  // Rounded to the shown figures' own precision: only floating-point noise is taken off.
  const places = share ? 1 : Math.max(decimals(x), decimals(y));
  const d = Number((x - y).toFixed(places));
  const sign = d > 0 ? '+' : d < 0 ? '−' : '±';
  return `${sign}${Math.abs(d)}${share ? ' pt' : ''}`;
}

/** 'YYYY-MM-DD HH:MM' in a zone: how the desk reads its times. */
export const localTime = (at: number, zone: string): string => DateTime.fromMillis(at, { zone }).toFormat('yyyy-MM-dd HH:mm');

/** The report's title by the length of its period: the seeds' weekly service report and monthly report to management. */
export function titleKey(from: string, to: string): MessageKey {
  const days = DateTime.fromISO(to).diff(DateTime.fromISO(from), 'days').days + 1;
  if (days === 7) return 'report.title.week';
  if (days >= 28 && days <= 31) return 'report.title.month';
  return 'report.title.period';
}

/** Desk codes as one phrase in the reader's language. */
export const joinCodes = (codes: readonly string[], lang: Lang): string => codes.join(lang === 'zh' ? '、' : ', ');
