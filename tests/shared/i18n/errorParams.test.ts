import { describe, expect, it } from 'vitest';
import { translate } from '../../../shared/i18n';
import { errorParams } from '../../../shared/i18n/errorParams';
import type { ApiError } from '../../../shared/api/result';

/** A refusal as the page words it: its code picks the message, its parameters fill it (renderer/src/i18n.tsx). */
const said = (lang: 'zh' | 'en', error: ApiError) => translate(lang, `error.${error.code}`, { message: error.message, ...errorParams(error) });

describe('refusals to void, in the page’s language', () => {
  const late: ApiError = { code: 'void_too_late', message: 'Call CS20240520001 was logged more than 10 minutes ago: only a team lead can void it now.', field: 'voidReason', problems: ['CS20240520001', '10'] };

  it('says an agent is too late to void with the record and the window, in Chinese and in English', () => {
    expect(said('zh', late)).toBe('来电 CS20240520001 建立已超过 10 分钟：现在只有组长可以作废。');
    expect(said('en', late)).toBe('Call CS20240520001 was logged more than 10 minutes ago: only a team lead can void it now.');
  });

  it('names the record a change to a voided one was refused for', () => {
    expect(said('zh', { code: 'record_voided', message: 'Call CS20240520002 was voided; it cannot be changed.', problems: ['CS20240520002'] })).toBe('来电 CS20240520002 已作废，不能再修改。');
  });

  it('has the reason required in both languages', () => {
    expect(said('zh', { code: 'void_reason_required', message: 'Say why this record is voided.' })).toBe('请填写作废原因。');
    expect(said('en', { code: 'void_reason_required', message: 'Say why this record is voided.' })).toBe('Say why this record is voided.');
  });
});
