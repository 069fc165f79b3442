import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECORD_COLUMNS, STEP_COLUMNS } from '../../../electron/archive/columns';
import { exportArchive } from '../../../electron/archive/export';
import { currentPolicy } from '../../../electron/records/policies';
import { computeStats } from '../../../electron/stats';
import { sqliteStatsQueries } from '../../../electron/store/statsQueries';
import type { TestDesk } from '../../helpers/tempStore';
import { tempDir } from '../../helpers/tempStore';
import { deskWithRecords, FORMULA, RANGE, readXlsx, rowsByHeader, type XlsxSheet } from './fixtures';

let desk: TestDesk;
const tmp = tempDir('hotline-archive-');
let zh: XlsxSheet[];
let en: XlsxSheet[];

beforeAll(async () => {
  desk = await deskWithRecords();
  const now = desk.clock.ms;
  const zhFile = path.join(tmp.dir, '五月.xlsx');
  const enFile = path.join(tmp.dir, 'may.xlsx');
  expect(await exportArchive(desk.store.db, { filter: RANGE, format: 'xlsx', file: zhFile, now })).toEqual({ rows: 4, steps: 4, file: zhFile });
  await exportArchive(desk.store.db, { filter: RANGE, format: 'xlsx', lang: 'en', file: enFile, now });
  [zh, en] = await Promise.all([readXlsx(zhFile), readXlsx(enFile)]);
});
afterAll(async () => {
  await desk.close();
  tmp.remove();
});

const records = () => rowsByHeader(zh[0]!);
const byNo = (no: string) => records().find((r) => r['记录编号']!.v === no)!;

describe('the xlsx export, read back by openpyxl', () => {
  it('has the records, steps and summary sheets, with the record sheet’s headers in its column order', () => {
    expect(zh.map((s) => s.name)).toEqual(['记录', '处理步骤', '汇总']);
    expect(en.map((s) => s.name)).toEqual(['Records', 'Steps', 'Summary']);
    const headers = zh[0]!.rows[0]!.map((c) => c.v);
    expect(headers.slice(0, 17)).toEqual([
      '记录编号', '日期', '来电时间', '首次接听时间', '响应时长(分钟)', '客户称呼', '联系方式(后四位)', '来电事由', '问题分类',
      '转接后负责人', '转接时间', '二次响应时长(分钟)', '处理负责人', '处理步骤', '处理结果', '客户反馈', '备注',
    ]);
    expect(headers.slice(17, 22)).toEqual(['实际响应时长(分钟)', '实际解决时长(分钟)', '响应时间是否达标', '解决率是否达标', '未达标原因']);
    expect(headers).toEqual(RECORD_COLUMNS.map((c) => c.zh));
    expect(en[0]!.rows[0]!.map((c) => c.v)).toEqual(RECORD_COLUMNS.map((c) => c.en));
    expect(zh[1]!.rows[0]!.map((c) => c.v)).toEqual(STEP_COLUMNS.map((c) => c.zh));
    expect(zh[0]!.rows[0]!.every((c) => c.t === 's')).toBe(true);
  });

  it('freezes the header row, filters every column and sizes the columns', () => {
    for (const sheet of [zh[0]!, zh[1]!]) expect(sheet.freeze).toBe('A2');
    expect(zh[0]!.autofilter).toBe('A1:AW5');
    expect(zh[1]!.autofilter).toBe('A1:F5');
    expect(zh[0]!.widths).toMatchObject({ A: 16, C: 17, N: 48 });
  });

  it('writes times as real date-times in the desk’s wall time, durations as numbers of minutes', () => {
    const one = byNo('CS20240520001');
    expect(one['日期']).toMatchObject({ t: 'd', v: '2024-05-20T00:00:00', f: 'yyyy-mm-dd' });
    expect(one['来电时间']).toMatchObject({ t: 'd', v: '2024-05-20T14:15:00', f: 'yyyy-mm-dd hh:mm' });
    expect(one['首次接听时间']).toMatchObject({ t: 'd', v: '2024-05-20T14:17:00' });
    expect(one['响应时长(分钟)']).toMatchObject({ t: 'n', v: 2 });
    expect(one['实际解决时长(分钟)']).toMatchObject({ t: 'n', v: 9 });
    expect(one['结束时间']).toMatchObject({ t: 'd', v: '2024-05-20T14:25:00' });
    expect(one['联系方式(后四位)']).toMatchObject({ t: 's', v: '8000' });
    expect(one['问题分类']!.v).toBe('订单类');
    expect(one['客户类型']!.v).toBe('VIP客户');
    expect(one['优先级']!.v).toBe('重要');
    expect(one['处理结果']!.v).toBe('已解决');
    expect(one['综合评分']).toMatchObject({ t: 'n', v: 4.7 });
    expect(one['处理步骤']!.v).toBe('1. 查询订单号，显示已签收\n2. 协调物流更正地址，客户确认无误');
  });

  it('joins several transfers in one cell, a line each', () => {
    const two = byNo('CS20240520002');
    expect(two['转接后负责人']!.v).toBe('技术部\n售后部');
    expect(two['转接时间']).toMatchObject({ t: 's', v: '2024-05-20 15:55:00\n2024-05-20 16:10:00' });
    expect(two['二次响应时长(分钟)']!.v).toBe('5\n3');
    expect(two['未达标原因']!.v).toBe('响应：同时接待量超负荷 — 当班只有两人');
  });

  it('gives each target a verdict from the stored due times: met, not met, open', () => {
    expect(byNo('CS20240520001')['响应时间是否达标']!.v).toBe('是');
    expect(byNo('CS20240520001')['解决率是否达标']!.v).toBe('是');
    expect(byNo('CS20240520002')['响应时间是否达标']!.v).toBe('否');
    expect(byNo('CS20240520003')['响应时间是否达标']!.v).toBe('否');
    expect(byNo('CS20240520002')['解决率是否达标']!.v).toBe('否');
    expect(byNo('CS20240521001')['解决率是否达标']!.v).toBe('是');
    const enRows = rowsByHeader(en[0]!);
    expect(enRows.map((r) => r['Response target met?']!.v)).toEqual(['met', 'not met', 'not met', 'met']);
    expect(enRows[0]!['Category']!.v).toBe('Order');
    expect(enRows[0]!['Result']!.v).toBe('Resolved');
  });

  it('keeps a formula typed as a call reason as text, and text starting with + too', () => {
    const two = byNo('CS20240520002');
    expect(two['来电事由']).toMatchObject({ t: 's', v: FORMULA });
    expect(two['备注']).toMatchObject({ t: 's', v: '+需明日回访' });
    expect(zh.flatMap((s) => s.rows.flat()).some((c) => c.t === 'f')).toBe(false);
  });

  it('lists every step as its own row: record no., n, time, author, text', () => {
    const steps = rowsByHeader(zh[1]!);
    expect(steps.slice(0, 3).map((s) => [s['记录编号']!.v, s['序号']!.v, s['时间']!.v, s['记录人']!.v, s['内容']!.v])).toEqual([
      ['CS20240520001', 1, '2024-05-20T14:20:00', '李娜', '查询订单号，显示已签收'],
      ['CS20240520001', 2, '2024-05-20T14:24:00', '李娜', '协调物流更正地址，客户确认无误'],
      ['CS20240520002', 1, '2024-05-20T16:13:00', '李娜', '远程指导客户检查电源连接'],
    ]);
    // The callback's outcome, recorded as a step by the Follow-ups view.
    expect(steps[3]).toMatchObject({ 记录编号: { v: 'CS20240521001' }, 序号: { v: 1 }, 时间: { t: 'd', v: '2024-05-21T15:25:00' } });
    expect(steps[3]!['内容']!.v).toContain('已回访，客户接受');
  });

  it('summarises the range with the numbers of hotline stats', async () => {
    const stats = await computeStats(sqliteStatsQueries(desk.store.db), { ...RANGE, now: desk.clock.ms }, (await currentPolicy(desk.store.db)).policy);
    const summary = zh[2]!.rows.map((r) => r.map((c) => c.v));
    const value = (label: string) => summary.find((r) => r[0] === label)?.[1];
    expect(value('来电量')).toBe(stats.kpis.calls);
    expect(value('已接听')).toBe(stats.kpis.answered);
    expect(value('响应达标率')).toBeCloseTo(stats.kpis.responseCompliance!, 10);
    expect(value('平均响应(分钟)')).toBe(stats.kpis.avgResponseMin);
    expect(value('解决率')).toBeCloseTo(stats.kpis.resolutionRate!, 10);
    expect(value('满意率')).toBeCloseTo(stats.kpis.satisfaction!, 10);
    expect(value('每百通未达标记录')).toBe(stats.kpis.breachesPer100);
    const urgent = stats.complianceByPriority.find((p) => p.priority === 'urgent')!;
    // The sheet is as wide as its widest table (the call-centre KPIs by hour): the priority table's six columns.
    expect(summary.find((r) => r[0] === '紧急')?.slice(0, 6)).toEqual(['紧急', urgent.calls, urgent.met, urgent.breached, urgent.open, urgent.rate]);
    const pct = zh[2]!.rows.find((r) => r[0]!.v === '响应达标率')![1]!;
    expect(pct.f).toBe('0.0%');
  });

  it('never leaves a temporary file beside the export', () => {
    expect(fs.readdirSync(tmp.dir).sort()).toEqual(['may.xlsx', '五月.xlsx']);
  });
});
