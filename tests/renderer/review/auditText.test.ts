import { describe, expect, it } from 'vitest';
import { auditLine, auditReason, type AuditContext } from '../../../renderer/src/features/review/auditText';
import { translate, type Lang, type MessageKey } from '../../../shared/i18n';

/** Trial 10 finding 4: audit rows keep data; the record panel labels them in the reader's language and the record's zone. */
const ZONE = 'Asia/Shanghai';
const SH = (date: string, time: string) => Date.parse(`${date}T${time}:00+08:00`);
const ctx = (lang: Lang): AuditContext => ({
  t: (key: MessageKey, params?: Record<string, string | number>) => translate(lang, key, params),
  zone: ZONE,
  priorityLabel: (key) => (key === 'urgent' ? (lang === 'zh' ? '紧急' : 'Urgent') : key),
});
const line = (lang: Lang, field: string, oldValue: string | null, newValue: string | null) => {
  const l = auditLine({ field, oldValue, newValue }, ctx(lang));
  return `${l.label}: ${l.from} → ${l.to}`;
};

describe('a re-judge’s audit rows on the record panel', () => {
  it('read in Chinese: the version, the due time in the record’s zone, the verdict', () => {
    expect(line('zh', 'policy', '1', '2')).toBe('时效规则: 第 1 版 → 第 2 版');
    expect(line('zh', 'resolutionDue', String(SH('2026-10-05', '17:00')), String(SH('2026-10-10', '17:00')))).toBe('解决截止时间: 2026-10-05 17:00 → 2026-10-10 17:00');
    expect(line('zh', 'missedTarget', '1', '0')).toBe('未达标: 是 → 否');
    expect(line('zh', 'transfer#2.secondResponseDue', null, String(SH('2026-10-08', '09:15')))).toBe('转接 2 · 二次响应截止时间: — → 2026-10-08 09:15');
  });

  it('and in English', () => {
    expect(line('en', 'policy', '1', '2')).toBe('Timing policy: version 1 → version 2');
    expect(line('en', 'callbackDue', String(SH('2026-10-05', '17:00')), null)).toBe('Callback due: 2026-10-05 17:00 → —');
    expect(line('en', 'missedTarget', '0', '1')).toBe('Missed a target: no → yes');
  });

  it('keeps rows written before values were data readable: "version 1", local times as text, yes/no, the old reason', () => {
    expect(line('zh', 'policy', 'version 1', 'version 3')).toBe('时效规则: 第 1 版 → 第 3 版');
    expect(line('zh', 'resolutionDue', '2026-10-05 17:00', '2026-10-10 17:00')).toBe('解决截止时间: 2026-10-05 17:00 → 2026-10-10 17:00');
    expect(line('zh', 'missedTarget', 'yes', 'no')).toBe('未达标: 是 → 否');
    expect(auditReason('policy version 3 in force from 2026-09-01: 补录国庆调休安排', ctx('zh').t)).toBe('第 3 版规则自 2026-09-01 起生效: 补录国庆调休安排');
    expect(auditReason('policy version 2 in force from the start', ctx('zh').t)).toBe('第 2 版规则自最初起生效');
    expect(auditReason('system clock behind the record', ctx('zh').t)).toMatch(/^系统时钟比本记录慢/);
    expect(auditReason('客户要求更正', ctx('zh').t)).toBe('客户要求更正');
  });
});

describe('a person’s edits on the record panel', () => {
  it('name every field in the reader’s words and show vocabulary keys as their labels', () => {
    expect(line('zh', 'customerType', null, 'vip')).toBe('客户类型: — → VIP客户');
    expect(line('zh', 'result', 'in_progress', 'resolved')).toBe('处理结果: 处理中（需跟进） → 已解决');
    expect(line('zh', 'priority', null, 'urgent')).toBe('优先级: — → 紧急');
    expect(line('en', 'feedback', null, 'unsatisfied')).toBe('Customer feedback: — → Unsatisfied');
    expect(line('zh', 'answeredAt', String(SH('2026-10-05', '09:00')), String(SH('2026-10-05', '09:03')))).toBe('首次接听时间: 2026-10-05 09:00 → 2026-10-05 09:03');
    expect(line('zh', 'closedAt', null, String(SH('2026-10-05', '09:30')))).toBe('结束时间: — → 2026-10-05 09:30');
  });

  it('reads transfers, steps, miss reasons and the clock flag', () => {
    expect(line('zh', 'transfer#1', null, `技术部 @ ${SH('2026-10-05', '09:10')}`)).toBe('转接 1: — → 转至 技术部，2026-10-05 09:10');
    // On the record's own date the transfer reads by its time alone.
    const onItsDay = auditLine({ field: 'transfer#1', oldValue: null, newValue: `技术部 @ ${SH('2026-10-05', '10:32')}` }, { ...ctx('zh'), date: '2026-10-05' });
    expect(onItsDay.to).toBe('转至 技术部，10:32');
    expect(line('zh', 'step#2', null, '查询订单物流状态')).toBe('处理步骤 2: — → 查询订单物流状态');
    // A completed follow-up's step, stored with its kind as a code, reads with the kind's label.
    expect(line('zh', 'step#3', null, '⟦followUp:callback⟧ 客户确认已解决')).toBe('处理步骤 3: — → 回访：客户确认已解决');
    expect(line('en', 'step#3', null, '⟦followUp:callback⟧ fixed')).toBe('Step 3: — → Callback: fixed');
    expect(line('zh', 'missReason.resolution#0', null, 'other: 等待厂家')).toBe('未达标原因（解决）: — → 其他 — 等待厂家');
    expect(line('zh', 'clockBehind', null, '3725000')).toBe('系统时钟偏慢: — → 62 分 5 秒');
    expect(line('en', 'clockBehind', null, '3725000')).toBe('System clock behind: — → 62 min 5 s');
  });

  it('shows a field it does not know as it was kept rather than hiding it', () => {
    expect(line('zh', 'somethingNew', 'a', 'b')).toBe('somethingNew: a → b');
  });
});
