import { translate, type Lang, type MessageKey } from '../../../../shared/i18n';
import type { TargetStatus } from '../../../../shared/timing/compliance';

/** A countdown's length from milliseconds: '1 h 09 min' in English, '1小时09分' in Chinese. */
export function formatSpan(ms: number, lang: Lang = 'en'): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  const hours = Math.floor(minutes / 60);
  const mm = String(minutes % 60).padStart(2, '0');
  if (lang === 'zh') {
    if (minutes < 60) return `${minutes}分钟`;
    return hours < 48 ? `${hours}小时${mm}分` : `${Math.floor(hours / 24)}天${hours % 24}小时`;
  }
  if (minutes < 60) return `${minutes} min`;
  return hours < 48 ? `${hours} h ${mm} min` : `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

/**
 * "3 d 2 h left" / "1,126 d 5 h over" beside a target, the one wording the desk,
 * Review and Follow-ups use. Measured on the wall clock from or to the due time
 * (and until the moment it was done, for a target done late): a target stated in
 * working time counts only business hours towards its due time, but how late it
 * is reads in plain days and hours, as the due time shown beside it does.
 * @example dueSpanText({ dueAt: 0, endAt: null }, 90 * 60_000, 'en') === '1 h 30 min over'
 */
export function dueSpanText(target: { dueAt: number; endAt: number | null }, now: number, lang: Lang): string {
  const over = (target.endAt ?? now) - target.dueAt;
  if (over > 0) return translate(lang, 'target.over', { span: formatSpan(over, lang) });
  return translate(lang, 'target.left', { span: formatSpan(target.dueAt - now, lang) });
}

/** The dictionary key naming a target, e.g. 'target.response'. */
export const targetKey = (t: Pick<TargetStatus, 'kind'>): MessageKey => `target.${t.kind}` as MessageKey;
export const stateKey = (t: Pick<TargetStatus, 'state'>): MessageKey => `state.${t.state}` as MessageKey;

/** Worst first: what needs attention leads. */
const RANK = { breached: 0, near: 1, running: 2, met: 3, na: 4 } as const;
export function byUrgency(a: TargetStatus, b: TargetStatus): number {
  return RANK[a.state] - RANK[b.state] || (a.dueAt ?? Infinity) - (b.dueAt ?? Infinity);
}
