import type { z } from 'zod';
import type { MessageKey } from '../../../../shared/i18n';
import type { Lang } from '../../../../shared/i18n';
import type { Policy } from '../../../../shared/policy/schema';

type T = (key: MessageKey, params?: Record<string, string | number>) => string;
type Issue = z.core.$ZodIssue;

const FIELD_LABELS: Record<string, MessageKey> = {
  secondResponse: 'policy.secondResponse',
  transferWithin: 'policy.transferWithin',
  resultToldWithin: 'policy.resultToldWithin',
  callbackWithin: 'policy.callbackWithin',
  leadFollowUpWithin: 'policy.leadFollowUpWithin',
  lowScoreAtMost: 'policy.lowScoreAtMost',
  warningAt: 'policy.warningAt',
  defaultPriority: 'policy.defaultPriority',
  resolutionRateTargets: 'policy.rates',
  priorities: 'policy.levels',
  calendar: 'policy.calendar',
};
const CALENDAR_LABELS: Record<string, MessageKey> = {
  timeZone: 'setup.timeZone',
  holidays: 'policy.holidays',
  makeUpDays: 'policy.makeUpDays',
  makeUpHours: 'policy.makeUpHours',
};

/**
 * A problem the Policy screen finds as the admin types, in the page's language: where (the
 * labels the form shows: "紧急 · 响应", "节假日") and what (by the issue's code, never zod's
 * English). The schema's own checks carry their code in params.issue (shared/policy/schema.ts).
 */
export function policyIssueText(issue: Issue, draft: Policy, t: T, lang: Lang): { where: string; what: string } {
  return { where: whereText(issue.path, draft, t, lang), what: whatText(issue, t) };
}

function whereText(path: readonly PropertyKey[], draft: Policy, t: T, lang: Lang): string {
  const [head, ...rest] = path.map(String);
  if (head === undefined) return '';
  if (head === 'priorities' && rest[0] !== undefined) {
    const i = Number(rest[0]);
    const level = draft.priorities[i]?.label[lang] || `#${i + 1}`;
    const part = rest[1];
    if (part === undefined) return level;
    if (part === 'key') return `${level} · ${t('policy.key')}`;
    if (part === 'label') return `${level} · ${rest[2] === 'en' ? 'English' : '中文'}`;
    return `${level} · ${t(`policy.${part}` as MessageKey)}`;
  }
  if (head === 'resolutionRateTargets' && rest[0] !== undefined) return `${t('policy.rates')} · ${t(`category.${rest[0]}` as MessageKey)}`;
  if (head === 'calendar' && rest[0] !== undefined) {
    if (rest[0] === 'week') return rest[1] === undefined ? t('policy.calendar') : t(`weekday.${rest[1]}` as MessageKey);
    const key = CALENDAR_LABELS[rest[0]];
    return key ? t(key) : t('policy.calendar');
  }
  const key = FIELD_LABELS[head];
  return key ? t(key) : path.join('.');
}

function whatText(issue: Issue, t: T): string {
  if (issue.code === 'custom' && typeof issue.params?.issue === 'string') return t(`policy.issue.${issue.params.issue}` as MessageKey);
  if (issue.code === 'invalid_format') {
    const path = issue.path.map(String);
    if (path.at(-1) === 'key') return t('policy.issue.keyFormat');
    if (path.includes('holidays') || path.includes('makeUpDays')) return t('policy.issue.dateFormat');
    return t('policy.issue.timeFormat');
  }
  // positive(), lt(1): a bound the value must not reach.
  if (issue.code === 'too_small' && issue.inclusive === false) return t('policy.issue.moreThan', { n: String(issue.minimum) });
  if (issue.code === 'too_big' && issue.inclusive === false) return t('policy.issue.lessThan', { n: String(issue.maximum) });
  if (issue.code === 'too_small') return t('invalid.too_small', { n: String(issue.minimum) });
  if (issue.code === 'too_big') return t('invalid.too_big', { n: String(issue.maximum) });
  if (issue.code === 'invalid_type' || issue.code === 'invalid_value' || issue.code === 'unrecognized_keys') return t(`invalid.${issue.code}`);
  return t('invalid.invalid_value');
}
