import { describe, expect, it } from 'vitest';
import { followUpStepText, readStepText } from '../../../shared/domain/followUpStep';
import { stepText, storedStepText } from '../../../shared/i18n/stepText';

describe("a completed follow-up's step is stored language-neutral and labelled when shown", () => {
  it('stores the kind as a code, not a label in two languages', () => {
    const stored = followUpStepText('progressUpdate', '已联系客户，等待备件');
    expect(stored).not.toMatch(/进展同步|Progress update/);
    expect(readStepText(stored)).toEqual({ followUp: 'progressUpdate', text: '已联系客户，等待备件' });
  });

  it('labels it in the reader’s language', () => {
    const stored = followUpStepText('callback', '客户确认已解决');
    expect(storedStepText('zh', stored)).toBe('回访：客户确认已解决');
    expect(storedStepText('en', stored)).toBe('Callback: 客户确认已解决');
    expect(stepText('zh', { followUp: 'resultTold', text: '已短信告知' })).toBe('已告知客户结果：已短信告知');
  });

  it('keeps showing steps stored before, and typed steps, as they are', () => {
    expect(storedStepText('zh', '进展同步 Progress update: 已联系客户')).toBe('进展同步 Progress update: 已联系客户');
    expect(storedStepText('en', '查询订单号')).toBe('查询订单号');
    // A bracket a person typed that names no follow-up is only text.
    expect(readStepText('⟦followUp:weather⟧ 晴')).toEqual({ text: '⟦followUp:weather⟧ 晴' });
  });
});
