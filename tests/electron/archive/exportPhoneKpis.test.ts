import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportArchive } from '../../../electron/archive/export';
import { playPhoneDay, PHONE_DAY } from '../../helpers/phoneDay';
import { openTestDesk, SEED_MORNING, tempDir, type TestDesk } from '../../helpers/tempStore';
import { readXlsx, type XlsxSheet } from './fixtures';

/**
 * The Excel summary's call-centre KPIs (issue 15), read back by openpyxl: a
 * scripted day of phone events, exported in English and Chinese; each figure
 * beside the calls it counts and its formula, shares as percentages, "—"
 * (an empty cell) where nothing was there to divide by.
 */

let desk: TestDesk;
const tmp = tempDir('hotline-phone-xlsx-');
let en: XlsxSheet[];
let zh: XlsxSheet[];
let emptyEn: XlsxSheet[];

beforeAll(async () => {
  desk = await openTestDesk();
  desk.clock.ms = SEED_MORNING;
  await playPhoneDay(desk);
  const now = desk.clock.ms;
  const day = { from: PHONE_DAY.date, to: PHONE_DAY.date };
  const files = { en: path.join(tmp.dir, 'day.xlsx'), zh: path.join(tmp.dir, '当天.xlsx'), empty: path.join(tmp.dir, 'before.xlsx') };
  await exportArchive(desk.store.db, { filter: day, format: 'xlsx', lang: 'en', file: files.en, now });
  await exportArchive(desk.store.db, { filter: day, format: 'xlsx', file: files.zh, now });
  await exportArchive(desk.store.db, { filter: { from: '2024-05-13', to: '2024-05-19' }, format: 'xlsx', lang: 'en', file: files.empty, now });
  [en, zh, emptyEn] = await Promise.all([readXlsx(files.en), readXlsx(files.zh), readXlsx(files.empty)]);
}, 60_000);
afterAll(async () => {
  await desk.close();
  tmp.remove();
});

const summary = (book: XlsxSheet[]) => book.find((s) => s.name === 'Summary' || s.name === '汇总') ?? book[2]!;
const line = (book: XlsxSheet[], label: string) => summary(book).rows.find((r) => r[0]!.v === label);

describe('the Excel summary’s call-centre KPIs', () => {
  it('gives each figure with the calls it counts and its formula', () => {
    const sl = line(en, 'Service level')!;
    expect(sl[1]!.v).toBeCloseTo(PHONE_DAY.serviceLevel, 10);
    expect(sl[1]!.f).toBe('0.0%');
    expect(sl[2]!.v).toBe(7);
    expect(sl[3]!.v).toBe('answered within 20 s ÷ (offered − abandons under 5 s)');
    expect(line(en, 'Abandon rate')![1]!.v).toBeCloseTo(PHONE_DAY.abandonRate, 10);
    expect(line(en, 'ASA (average speed of answer) (s)')!.slice(1, 3).map((c) => c.v)).toEqual([PHONE_DAY.asaSec, 5]);
    expect(line(en, 'AHT (talk time) (s)')!.slice(1, 3).map((c) => c.v)).toEqual([PHONE_DAY.ahtSec, 5]);
    expect(line(en, 'Wrap-up (s)')!.slice(1, 3).map((c) => c.v)).toEqual([PHONE_DAY.wrapUpSec, 1]);
    expect(line(en, 'Longest wait (s)')!.slice(1, 3).map((c) => c.v)).toEqual([PHONE_DAY.longestWaitSec, 8]);
    expect(line(en, 'Callbacks within target')![1]!.v).toBeCloseTo(PHONE_DAY.callbackRate, 10);
    const title = summary(en).rows.find((r) => String(r[0]!.v).startsWith('Call-centre KPIs (calls the phone system saw)'))!;
    expect(title[0]!.v).toContain('8 inbound calls offered · short abandon under 5 s · target 80 % within 20 s');
  });

  it('breaks them down by hour, agent and desk', () => {
    const rows = summary(en).rows.map((r) => r.map((c) => c.v));
    const hour14 = rows.find((r) => r[0] === '14:00')!;
    expect(hour14.slice(0, 3)).toEqual(['14:00', 7, 0.5]);
    expect(rows.find((r) => r[0] === '15:00')!.slice(0, 4)).toEqual(['15:00', 1, 0, 40]);
    expect(rows.find((r) => r[0] === '(queue, reached nobody)')!.slice(0, 2)).toEqual(['(queue, reached nobody)', 2]);
    expect(rows.find((r) => r[0] === 'A03')!.slice(0, 2)).toEqual(['A03', 8]);
  });

  it('says them in Chinese too', () => {
    const sl = line(zh, '服务水平')!;
    expect(sl[1]!.v).toBeCloseTo(PHONE_DAY.serviceLevel, 10);
    expect(sl[3]!.v).toBe('20 秒内接起数 ÷ (呼入数 − 5 秒内放弃数)');
    expect(line(zh, '平均应答速度（秒）')![1]!.v).toBe(PHONE_DAY.asaSec);
  });

  it('writes “—”, never 0 % or 100 %, for a period the phone system saw nothing of', () => {
    for (const label of ['Service level', 'Abandon rate', 'ASA (average speed of answer) (s)', 'AHT (talk time) (s)', 'Callbacks within target']) {
      const cells = line(emptyEn, label)!;
      expect([label, cells[1]!.v, cells[2]!.v]).toEqual([label, '—', 0]);
    }
  });
});
