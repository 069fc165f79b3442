import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importArchive } from '../../../electron/archive/import';
import { SEED_MORNING, openTestDesk, tempDir, type TestDesk } from '../../helpers/tempStore';

/** The hotline record sheet of seed 003, its header and its three example rows, as a person would type them. */
const HEADER = ['记录编号', '日期', '来电时间', '首次接听时间', '响应时长(分钟)', '客户称呼', '联系方式(后四位)', '来电事由', '问题分类', '转接后负责人', '转接时间', '二次响应时长(分钟)', '处理负责人', '处理步骤(可分条记录)', '处理结果', '客户反馈(满意度/备注)', '备注'];
const ROWS = [
  ['CS20240520001', '2024-05-20', '14:15', '14:17', '2', '*女士', '', '订单物流异常', '订单类', '-', '-', '-', '客服*主管', '1.查询订单号20240520001,显示已签收;2.核实客户地址,发觉配送员误填门牌号;3.协调物流更正地址,客户确认无误。', '已解决', '满意', ''],
  ['CS20240520002', '2024-05-20', '15:30', '15:35', '5', '*先生', '5678', '产品无法启动', '产品类', '技术*工', '15:40', '5', '技术*工', '1.远程指导客户检查电源连接,确认正常;2.判断可能为主板故障,安排上门检测;3.预约明日10-12点上门,客户同意。', '处理中(需跟进)', '基本满意', '需明日回访'],
  ['CS20240520003', '2024-05-20', '16:45', '16:45', '0', '*女士', '9012', '投诉服务态度', '服务类', '-', '-', '-', '客服*主管', '1.向客户道歉,解释客服临时有事未及时接听;2.转接至资深客服专员安抚情绪;3.记录客户建议,后续加强服务培训。', '已解决', '满意', '需跟进客服*培训'],
];
const AT = (h: number, m: number) => Date.UTC(2024, 4, 20, h - 8, m);

const tmp = tempDir('hotline-paper-');
const file = (name: string) => path.join(tmp.dir, name);
let desk: TestDesk;

beforeAll(async () => {
  // An Excel sheet with a title line above the header, real date and time cells in the second row.
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('记录表');
  sheet.addRow(['客户服务热线响应时间与处理记录表']);
  sheet.addRow(HEADER);
  for (const row of ROWS) sheet.addRow(row);
  sheet.getCell('B4').value = new Date(Date.UTC(2024, 4, 20));
  sheet.getCell('C4').value = new Date(Date.UTC(1899, 11, 30, 15, 30));
  sheet.getCell('C4').numFmt = 'hh:mm';
  await book.xlsx.writeFile(file('paper.xlsx'));
  // The same sheet saved by Excel on Chinese Windows as plain "CSV": GBK, no BOM.
  const csv = [HEADER, ...ROWS].map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n');
  fs.writeFileSync(file('paper-utf8.csv'), csv);
  await promisify(execFile)('/usr/bin/python3', ['-c', 'import sys; open(sys.argv[2], "wb").write(open(sys.argv[1], encoding="utf-8").read().encode("gbk"))', file('paper-utf8.csv'), file('paper-gbk.csv')]);
});
beforeAll(async () => {
  desk = await openTestDesk();
  desk.clock.ms = SEED_MORNING + 3 * 3_600_000; // 17:15 that day
});
afterAll(async () => {
  await desk.close();
  tmp.remove();
});

const calls = () => desk.store.db.selectFrom('calls').selectAll().orderBy('record_no').execute();

describe('a sheet laid out like the paper record sheet', () => {
  it('needs to be told which desk its rows belong to, and says so once for the whole file', async () => {
    const report = await importArchive(desk.store.db, { file: file('paper.xlsx'), actor: '张主管', now: desk.clock.ms });
    expect(report).toMatchObject({ layout: 'paper', rows: 3, imported: 0 });
    expect(report.errors).toEqual([{ row: 0, column: '', code: 'no_desk_code', params: {}, reason: expect.stringContaining('--desk CODE') }]);
    expect(await calls()).toEqual([]);
  });

  it('says once, not per row, that the file has neither desk nor zone', async () => {
    const bare = await openTestDesk({ setup: false, file: file('bare.db') });
    const report = await importArchive(bare.store.db, { file: file('paper-gbk.csv'), actor: '张主管', now: desk.clock.ms });
    expect(report.errors.map((e) => [e.row, e.code])).toEqual([
      [0, 'no_desk_code'],
      [0, 'no_zone'],
    ]);
    await bare.close();
  });

  it('names only the file’s own columns when a row lies in the future', async () => {
    const future = [HEADER, ['CS20240521001', '2024-05-21', '09:00', '09:02', '2', '赵先生', '', '订单物流异常', '订单类', '-', '-', '-', '客服*主管', '查询订单', '已解决', '满意', '']];
    fs.writeFileSync(file('future.csv'), future.map((r) => r.join(',')).join('\r\n'));
    const report = await importArchive(desk.store.db, { file: file('future.csv'), actor: '张主管', now: desk.clock.ms, deskCode: 'A03' });
    expect(report.imported).toBe(0);
    expect(report.errors.map((e) => e.column).sort()).toEqual(['来电时间', '首次接听时间']);
    expect(report.errors.every((e) => e.reason === 'this time is in the future')).toBe(true);
  });

  it('imports seed 003’s three rows: times of day on their date, steps split, transfers, vocabularies', async () => {
    const report = await importArchive(desk.store.db, { file: file('paper.xlsx'), actor: '张主管', now: desk.clock.ms, deskCode: 'a03' });
    expect(report).toMatchObject({ format: 'xlsx', layout: 'paper', rows: 3, imported: 3, skipped: 0, steps: 9, errors: [], ignoredColumns: [] });
    // In progress without a follow-up due time: imported, and listed for a lead to complete.
    expect(report.notes.filter((n) => n.row > 0)).toEqual([expect.objectContaining({ sheet: '记录表', row: 4, column: '处理结果', code: 'in_progress_no_due' })]);
    expect(report.inferred.map((i) => [i.row, i.moments])).toEqual([
      [3, ['closedAt', 'resolvedAt', 'resultToldAt']],
      [4, ['closedAt']],
      [5, ['closedAt', 'resolvedAt', 'resultToldAt']],
    ]);
    const [one, two, three] = await calls();
    expect(one).toMatchObject({ desk_code: 'A03', record_no: 'CS20240520001', call_at: AT(14, 15), answered_at: AT(14, 17), salutation: '*女士', phone_last4: null, category: 'order', handler: '客服*主管', agent: '客服*主管', result: 'resolved', feedback: 'satisfied', closed_at: AT(14, 17), resolved_at: AT(14, 17), agent_id: null, policy_id: 1, local_hour: 14 });
    expect(two).toMatchObject({ call_at: AT(15, 30), answered_at: AT(15, 35), phone_last4: '5678', category: 'product', result: 'in_progress', feedback: 'basically_satisfied', remarks: '需明日回访', resolved_at: null });
    expect(three).toMatchObject({ call_at: AT(16, 45), answered_at: AT(16, 45), category: 'service', remarks: '需跟进客服*培训' });
    const transfers = await desk.store.db.selectFrom('transfers').selectAll().execute();
    expect(transfers).toEqual([expect.objectContaining({ call_id: two!.id, seq: 1, to_owner: '技术*工', transferred_at: AT(15, 40), answered_at: AT(15, 45) })]);
    const steps = await desk.store.db.selectFrom('steps').select(['n', 'text', 'author', 'at']).where('call_id', '=', one!.id).orderBy('n').execute();
    // The order number's 11 digits look like a phone number: masked, as the desk masks typed text.
    expect(steps).toEqual([
      { n: 1, text: '查询订单号****0001,显示已签收', author: '客服*主管', at: AT(14, 17) },
      { n: 2, text: '核实客户地址,发觉配送员误填门牌号', author: '客服*主管', at: AT(14, 17) },
      { n: 3, text: '协调物流更正地址,客户确认无误。', author: '客服*主管', at: AT(14, 17) },
    ]);
  });

  it('raises the day’s serial, so a call logged later takes the next number', async () => {
    const next = await desk.ok('startCall', {});
    expect(next.recordNo).toBe('CS20240520004');
  });

  it('reads Excel’s GBK CSV from Chinese Windows, and skips what is already there', async () => {
    expect(fs.readFileSync(file('paper-gbk.csv')).includes(Buffer.from('订单物流异常'))).toBe(false);
    const fresh = await openTestDesk({ file: file('gbk.db') });
    fresh.clock.ms = desk.clock.ms;
    const report = await importArchive(fresh.store.db, { file: file('paper-gbk.csv'), actor: '张主管', now: desk.clock.ms, deskCode: 'A03' });
    expect(report).toMatchObject({ format: 'csv', layout: 'paper', imported: 3, errors: [] });
    const rows = await fresh.store.db.selectFrom('calls').select(['salutation', 'reason', 'result']).orderBy('record_no').execute();
    expect(rows).toEqual([
      { salutation: '*女士', reason: '订单物流异常', result: 'resolved' },
      { salutation: '*先生', reason: '产品无法启动', result: 'in_progress' },
      { salutation: '*女士', reason: '投诉服务态度', result: 'resolved' },
    ]);
    await fresh.close();
    expect(await importArchive(desk.store.db, { file: file('paper-gbk.csv'), actor: '张主管', now: desk.clock.ms, deskCode: 'A03' })).toMatchObject({ imported: 0, skipped: 3 });
  });
});
