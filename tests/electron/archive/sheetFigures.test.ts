import { describe, expect, it } from 'vitest';
import { CellProblem } from '../../../electron/archive/importValues';
import { sourceRefOf } from '../../../electron/archive/importSourceRef';
import { classificationNotes } from '../../../electron/archive/layouts/response';
import { salutationOf } from '../../../electron/archive/layouts/salutation';
import { levelWithResponse } from '../../../electron/archive/layouts/tracking';
import { durationMinutesOf, thresholdMinutesOf, verdictOf } from '../../../electron/archive/sheetFigures';
import { defaultPolicy, FOUR_LEVELS } from '../../../shared/policy/defaults';

/** The seed sheets' own ways of writing durations, verdicts, customers and numbers. */

describe('durations as people write them', () => {
  it.each([
    ['12分钟', 12],
    ['1小时5分钟', 65],
    ['27小时45分钟', 1665],
    ['1小时30分钟', 90],
    ['2天3小时', 3060],
    ['１２分钟', 12],
    ['45', 45],
    ['1.5h', 90],
    [' 3 min ', 3],
  ])('%s is %d minutes', (text, minutes) => expect(durationMinutesOf(text)).toBe(minutes));

  it.each(['很快', '12分钟左右', '1小时半'])('refuses %s with its code', (text) => {
    expect(() => durationMinutesOf(text)).toThrow(CellProblem);
    try {
      durationMinutesOf(text);
    } catch (error) {
      expect(error).toMatchObject({ code: 'not_duration', params: { value: text } });
    }
  });
});

describe('verdicts and their thresholds', () => {
  it.each([
    ['是(≤15分钟)', 'met', 15],
    ['否(>1小时)', 'notMet', 60],
    ['是(≥95%)', 'met', null],
    ['否', 'notMet', null],
    ['是（≤4小时）', 'met', 240],
    ['进行中', 'open', null],
    ['not met', 'notMet', null],
  ] as const)('%s is %s, threshold %s', (text, verdict, threshold) => {
    expect(verdictOf(text)).toBe(verdict);
    expect(thresholdMinutesOf(text)).toBe(threshold);
  });

  it('refuses what is neither', () => expect(() => verdictOf('大概')).toThrow(CellProblem));

  it('finds the level whose response target is the threshold, in the policy in force', () => {
    const policy = defaultPolicy('Asia/Shanghai');
    expect([15, 60, 240, 30].map((m) => levelWithResponse(policy, m))).toEqual(['urgent', 'important', 'general', null]);
    expect(levelWithResponse({ ...policy, priorities: FOUR_LEVELS }, 30)).toBe('high');
  });
});

describe('customers as seed 004 names them', () => {
  it.each([
    ['XX公司/张三', true, '张*'],
    ['YY公司/李四', true, '李*'],
    ['欧阳娜娜', false, '欧阳*'],
    ['王女士', false, '王女士'],
    ['*先生', false, '*先生'],
    ['某某科技有限公司', true, null],
  ] as const)('%s → enterprise %s, salutation %s', (text, enterprise, salutation) => expect(salutationOf(text)).toEqual({ enterprise, salutation }));
});

describe('source references', () => {
  it.each([
    ['TECH20240501001', 'TECH20240501001'],
    ['20231027001', '20231027001'],
    ['SRV20240501002', 'SRV20240501002'],
    [20231027001, '20231027001'],
    // Not a dated number: a phone typed into the column keeps only its last four digits.
    ['13800138000', '****8000'],
  ] as const)('%s is kept as %s', (cell, ref) => expect(sourceRefOf(cell)).toBe(ref));

  it('refuses a cell that is no number at all', () => expect(() => sourceRefOf('第一行\n第二行')).toThrow(CellProblem));
});

describe('分类判定结果 against the record', () => {
  const policy = defaultPolicy('Asia/Shanghai');
  it('agrees, or says which part disagrees', () => {
    expect(classificationNotes('投诉-紧急', { request_type: 'complaint', priority: 'urgent' }, policy)).toEqual([]);
    expect(classificationNotes('投诉-紧急', { request_type: 'consultation', priority: 'general' }, policy)).toEqual([
      { code: 'classification_disagrees', params: { value: '投诉-紧急', field: '需求类型', expected: '咨询' } },
      { code: 'classification_disagrees', params: { value: '投诉-紧急', field: '优先级', expected: '一般' } },
    ]);
  });
});
