import type { MessageKey } from '../../../../shared/i18n';
import { localDateTime } from '../../../../shared/timing/localTime';

type T = (key: MessageKey, params?: Record<string, string | number>) => string;

/**
 * A version's start as people read it: its local date and time in the policy's
 * zone, or "the start" for a version in force from the beginning (epoch 0).
 * @example startText(0, zone, t) === t('policy.fromStart')
 */
export function startText(at: number, zone: string, t: T): string {
  return at === 0 ? t('policy.fromStart') : localDateTime(at, zone);
}

/**
 * "In force from 2026-09-01 00:00 until 2026-11-15 00:00." in the reader's language.
 * @example spanLine(from, null, 'Asia/Shanghai', t) // 'In force from 2026-09-01 00:00 on.'
 */
export function spanLine(from: number, until: number | null, zone: string, t: T): string {
  // A newer version starting at the same instant took its place at once.
  if (until === from) return t('policy.spanNever');
  if (until !== null && from === 0) return t('policy.spanFirstUntil', { until: localDateTime(until, zone) });
  if (until !== null) return t('policy.impactSpan', { from: startText(from, zone, t), until: localDateTime(until, zone) });
  return from === 0 ? t('policy.impactSpanAlways') : t('policy.impactSpanOpen', { from: startText(from, zone, t) });
}
