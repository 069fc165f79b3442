import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../../shared/policy/defaults';
import { policyProblems } from '../../../shared/policy/schema';
import { parseOfficialSchedule } from '../../../shared/policy/schedule';

describe('parseOfficialSchedule', () => {
  it('reads the 2025 Spring Festival schedule with its make-up days', () => {
    const parsed = parseOfficialSchedule(`# 2025 春节
2025-01-28~2025-02-04 休 春节
2025-01-26 班
2025-02-08 workday  调休`);
    expect(parsed.problems).toEqual([]);
    expect(parsed.holidays).toEqual(['2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-02-01', '2025-02-02', '2025-02-03', '2025-02-04']);
    expect(parsed.makeUpDays).toEqual(['2025-01-26', '2025-02-08']);
  });

  it('names each line it cannot read, and dates listed both ways', () => {
    const parsed = parseOfficialSchedule('2025-02-30 休\nsoon holiday\n2025-05-01 休\n2025-05-01 班');
    expect(parsed.problems).toEqual([
      { code: 'unreadableLine', line: 1, text: '2025-02-30 休' },
      { code: 'unreadableLine', line: 2, text: 'soon holiday' },
      { code: 'holidayAndWorkday', date: '2025-05-01' },
    ]);
  });
});

describe('policyProblems', () => {
  it('finds nothing wrong with the defaults', () => {
    expect(policyProblems(defaultPolicy('Asia/Shanghai'))).toEqual([]);
  });

  it('lists every problem with its path', () => {
    const policy = defaultPolicy('Asia/Shanghai');
    const problems = policyProblems({
      ...policy,
      extra: 1,
      priorities: [{ ...policy.priorities[0]!, response: { amount: -1, unit: 'minutes' } }, policy.priorities[0]],
      calendar: { ...policy.calendar, week: { ...policy.calendar.week, mon: [['18:00', '09:00']] }, holidays: ['2025-13-01'] },
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\(policy\): .*extra/i),
        expect.stringMatching(/^priorities\.0\.response\.amount:/),
        expect.stringMatching(/^calendar\.week\.mon\.0:/),
        expect.stringMatching(/^calendar\.holidays\.0:/),
      ]),
    );
  });
});
