import { describe, expect, it } from 'vitest';
import { policyIssueText } from '../../../renderer/src/features/policy/issueText';
import { translate, type Lang, type MessageKey } from '../../../shared/i18n';
import { defaultPolicy } from '../../../shared/policy/defaults';
import { policySchema, type Policy } from '../../../shared/policy/schema';

/** The Policy screen's problem list for a draft, as the reader sees it. */
function problems(draft: Policy, lang: Lang): string[] {
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(lang, key, params);
  const check = policySchema.safeParse(draft);
  if (check.success) return [];
  return check.error.issues.map((issue) => {
    const { where, what } = policyIssueText(issue, draft, t, lang);
    return `${where}${t('policy.issueSeparator')}${what}`;
  });
}

describe("the Policy screen's problems in the page's language (issue 12)", () => {
  const base = defaultPolicy('Asia/Shanghai');
  const broken: Policy = {
    ...base,
    warningAt: 1.5,
    priorities: base.priorities.map((level, i) => (i === 0 ? { ...level, key: 'Urgent!', response: { ...level.response, amount: 0 } } : level)),
    calendar: { ...base.calendar, holidays: ['2026-02-30'], makeUpHours: [['18:00', '09:00']] },
  };

  it('names the place by the form’s labels and says what is wrong in Chinese, no zod English', () => {
    const zh = problems(broken, 'zh');
    const level = base.priorities[0]!.label.zh;
    expect(zh).toEqual(
      expect.arrayContaining([
        `${level} · ${translate('zh', 'policy.key')}：${translate('zh', 'policy.issue.keyFormat')}`,
        `${level} · ${translate('zh', 'policy.response')}：必须大于 0`,
        `${translate('zh', 'policy.warningAt')}：必须小于 1`,
        `${translate('zh', 'policy.holidays')}：不是真实存在的日期`,
        `${translate('zh', 'policy.makeUpHours')}：工作时段的结束时间必须晚于开始时间`,
      ]),
    );
    expect(zh.join('\n')).not.toMatch(/Too small|expected|Invalid|must/);
  });

  it('and in English', () => {
    expect(problems(broken, 'en')).toContain('Holidays (one date a line): not a real date');
  });
});
