import { describe, expect, it } from 'vitest';
import { translate, type MessageKey } from '../../../shared/i18n';
import { phoneClosedText, phoneVoidOf, voidActorText, voidReasonText } from '../../../renderer/src/features/desk/phoneVoid';

const zh = (key: MessageKey, params?: Record<string, string | number>) => translate('zh', key, params);
const en = (key: MessageKey, params?: Record<string, string | number>) => translate('en', key, params);
const mark = (by: string, reason: string) => ({ at: 0, by, reason });

describe("a void mark in the reader's language", () => {
  it("the phone's missed-call reason, in Chinese and English, with or without brackets round the number", () => {
    const voided = mark('phone:cti', 'not answered: logged as missed call MC20261201001');
    expect(voidReasonText(voided, zh)).toBe('未接听：已记为未接来电 MC20261201001');
    expect(voidReasonText(mark('phone:ami', 'not answered: logged as missed call (MC20261201001)'), en)).toBe('not answered: logged as missed call MC20261201001');
    expect(phoneClosedText(phoneVoidOf(voided)!, en)).toBe('Not answered: logged as missed call MC20261201001');
  });

  it("the phone's answered-elsewhere reason keeps the extension it names", () => {
    const voided = mark('phone:ami', 'answered at another extension (PJSIP/1002)');
    expect(voidReasonText(voided, zh)).toBe('已由其他分机接听（PJSIP/1002）');
    expect(phoneVoidOf(voided)).toEqual({ kind: 'answeredElsewhere', who: 'PJSIP/1002' });
  });

  it('names the phone system as the audit trail does, and a person by name', () => {
    expect(voidActorText(mark('phone:cti', 'x'), zh)).toBe('电话系统（CTI）');
    expect(voidActorText(mark('phone:ami', 'x'), en)).toBe('phone system (Asterisk)');
    expect(voidActorText(mark('李娜', 'x'), zh)).toBe('李娜');
  });

  it('a reason a person typed stays as typed, even one worded like the phone\'s', () => {
    const typed = mark('李娜', 'not answered: logged as missed call MC20261201001');
    expect(voidReasonText(typed, zh)).toBe('not answered: logged as missed call MC20261201001');
    expect(phoneVoidOf(typed)).toBeNull();
    expect(voidReasonText(mark('李娜', '测试时误建'), en)).toBe('测试时误建');
  });
});
