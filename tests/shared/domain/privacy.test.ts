import { describe, expect, it } from 'vitest';
import { hasLongDigitRun, lastFourDigits, maskDigitRuns } from '../../../shared/domain/privacy';
import { cleanText } from '../../../shared/domain/text';

describe('lastFourDigits keeps only the tail of whatever was typed', () => {
  it.each([
    ['13800138000', '8000'],
    ['+86 138-0013-8000', '8000'],
    ['１３８００１３８０００', '8000'],
    ['5678', '5678'],
    ['tel: 010-6552 1234', '1234'],
  ])('%s → %s', (typed, expected) => {
    expect(lastFourDigits(typed)).toBe(expected);
  });

  it('refuses fewer than four digits', () => {
    expect(lastFourDigits('123')).toBeNull();
    expect(lastFourDigits('abc')).toBeNull();
  });
});

describe('maskDigitRuns hides phone- and ID-like runs in free text', () => {
  it.each([
    ['call back on 13800138000 today', 'call back on ****8000 today'],
    ['号码 +86 138-0013-8000 已核实', '号码 ****8000 已核实'],
    ['身份证 11010519491231002X', '身份证 ****002X'],
    ['全角 １３８００１３８０００', '全角 ****8000'],
    ['全角分隔 ＋８６　１３８－００１３－８０００ 回电', '全角分隔 ****8000 回电'],
    ['座机 (010) 6552 1234 转 2', '座机 (****1234 转 2'],
    ['no-break spaces 138\u00A00013\u00A08000', 'no-break spaces ****8000'],
    ['dashes 138\u20130013\u20138000', 'dashes ****8000'],
  ])('%s', (typed, expected) => {
    expect(maskDigitRuns(typed)).toBe(expected);
  });

  it('leaves dates, times, amounts and short codes readable', () => {
    const text = '2024-05-20 14:23 退款 200 元，工单 A1234，尾号 5678';
    expect(maskDigitRuns(text)).toBe(text);
  });

  it('keeps record numbers readable: they are the app\'s own references, not customer data', () => {
    const text = '同 CS20240520001 与 cs20240520012，第 1000 个 CS202405201000';
    expect(maskDigitRuns(text)).toBe(text);
    expect(hasLongDigitRun(text)).toBe(false);
    // A missed call's number, as the void reason of the record it replaced names it.
    const missed = 'not answered: logged as missed call MC20240520001';
    expect(maskDigitRuns(missed)).toBe(missed);
    expect(maskDigitRuns('MC13800138000')).toBe('MC****8000');
  });

  it('still masks a phone number written to look like a record number, or glued to one', () => {
    expect(maskDigitRuns('CS13800138000')).toBe('CS****8000');
    expect(maskDigitRuns('CS2013800138000')).toBe('CS****8000');
    expect(maskDigitRuns('CS2024052000113800138000')).toBe('CS****8000');
    expect(maskDigitRuns('CS20240520001 13800138000')).toBe('CS20240520001 ****8000');
  });

  it('hasLongDigitRun tells a phone-like run from ordinary numbers', () => {
    expect(hasLongDigitRun('紧急 １３８００１３８０００')).toBe(true);
    expect(hasLongDigitRun('p13800138000')).toBe(true);
    expect(hasLongDigitRun('2024-05-01')).toBe(false);
    expect(hasLongDigitRun('全角 ５６７８')).toBe(false);
  });
});

describe('cleanText', () => {
  it('removes control characters and bidi overrides but keeps newlines, tabs, emoji and CJK', () => {
    expect(cleanText('王女士\u202E\u0007 说：\t好的\n😀')).toBe('王女士 说：\t好的\n😀');
  });

  it('normalises to NFC and CRLF to LF', () => {
    expect(cleanText('Cafe\u0301\r\nok')).toBe('Café\nok');
  });
});
