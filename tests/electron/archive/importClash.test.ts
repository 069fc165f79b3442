import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importArchive } from '../../../electron/archive/import';
import { formatImportReport } from '../../../electron/cli/importReport';
import { importReasonText } from '../../../shared/i18n/importReasons';
import { openTestDesk, tempDir, type TestDesk } from '../../helpers/tempStore';

/**
 * Trial 10, finding 1: seed 000's rows took CS20240501001/002 on desk A03; a paper
 * sheet whose own CS20240501001 is another call (14:00, 发票开具) was counted as
 * "already here" and silently dropped. It is refused now, naming both records.
 */

const SEEDS = path.resolve('tests/fixtures/seeds');
const tmp = tempDir('hotline-clash-');
const NOW = Date.UTC(2024, 5, 1, 4, 0);
afterAll(() => tmp.remove());

const HEADER = '记录编号,日期,来电时间,首次接听时间,响应时长(分钟),客户称呼,联系方式(后四位),来电事由,问题分类,转接后负责人,转接时间,二次响应时长(分钟),处理负责人,处理步骤(可分条记录),处理结果,客户反馈(满意度/备注),备注';
const INVOICE = 'CS20240501001,2024-05-01,14:00,14:02,2,*女士,4444,发票开具,订单类,-,-,-,客服*主管,1.开具发票,已解决,满意,';
const ADDRESS = 'CS20240501003,2024-05-01,15:00,15:02,2,*先生,5555,修改收货地址,订单类,-,-,-,客服*主管,1.修改地址,已解决,满意,';

function paper(name: string, rows: string[]): string {
  const file = path.join(tmp.dir, name);
  fs.writeFileSync(file, [HEADER, ...rows].join('\n'));
  return file;
}

async function seededDesk(): Promise<TestDesk> {
  const desk = await openTestDesk({ file: path.join(tmp.dir, `desk-${Math.random().toString(36).slice(2)}.db`) });
  desk.clock.ms = NOW;
  await into(desk, path.join(SEEDS, 'seed000-tracking.csv'));
  return desk;
}
const into = (desk: TestDesk, file: string, dryRun = false) =>
  importArchive(desk.store.db, { file, actor: '张主管', now: NOW, deskCode: 'A03', timeZone: 'Asia/Shanghai', dryRun });
const reasons = (desk: TestDesk) => desk.store.db.selectFrom('calls').select(['record_no', 'source_ref', 'reason']).orderBy('record_no').execute();

describe('a row whose record number the desk gave another record', () => {
  it('is refused in the check and in the import, naming both calls; nothing is written', async () => {
    const desk = await seededDesk();
    const file = paper('clash.csv', [INVOICE, ADDRESS]);
    const check = await into(desk, file, true);
    const clash = expect.objectContaining({
      row: 2,
      column: '记录编号',
      code: 'record_no_taken_by_ref',
      params: { ref: 'CS20240501001', deskCode: 'A03', otherRef: 'TECH20240501001', otherAt: '2024-05-01 09:00', callAt: '2024-05-01 14:00' },
    });
    expect(check.errors).toEqual([clash]);
    // The check says what the import will do: nothing added while a problem stands, nothing "already here".
    expect(check).toMatchObject({ toImport: 0, skipped: 0 });
    expect(check.preview.map((r) => [r.recordNo, r.status])).toEqual([
      ['CS20240501001', 'clash'],
      ['CS20240501003', 'new'],
    ]);
    expect(importReasonText('zh', check.errors[0]!)).toContain('TECH20240501001');
    // The CLI's dry run marks the refused row too.
    expect(formatImportReport(check, 'zh')).toMatch(/第 2 行: CS20240501001 \[A03, Asia\/Shanghai\] — 拒绝：编号已被占用; 来电 2024-05-01 14:00/);

    const done = await into(desk, file);
    expect(done).toMatchObject({ imported: 0, skipped: 0, errors: [clash] });
    expect(await reasons(desk)).toEqual([
      { record_no: 'CS20240501001', source_ref: 'TECH20240501001', reason: null },
      { record_no: 'CS20240501002', source_ref: 'SRV20240501002', reason: null },
    ]);
    await desk.close();
  });

  it('is refused when the number is a call logged at the desk at another time', async () => {
    const desk = await openTestDesk({ file: path.join(tmp.dir, 'desk-live.db') });
    desk.clock.ms = NOW;
    await desk.ok('startCall', { at: '2024-05-01 08:30' });
    const report = await into(desk, paper('live.csv', [INVOICE]));
    expect(report.errors).toEqual([expect.objectContaining({ row: 2, code: 'record_no_taken', params: expect.objectContaining({ otherAt: '2024-05-01 08:30', callAt: '2024-05-01 14:00' }) })]);
    expect(report.imported).toBe(0);
    await desk.close();
  });

  it('still changes nothing the second time a paper sheet comes in', async () => {
    const desk = await seededDesk();
    const file = paper('address.csv', [ADDRESS]);
    expect(await into(desk, file)).toMatchObject({ imported: 1, errors: [] });
    const again = await into(desk, file, true);
    expect(again).toMatchObject({ toImport: 0, skipped: 1, errors: [] });
    expect(again.preview.map((r) => r.status)).toEqual(['present']);
    expect(await into(desk, file)).toMatchObject({ imported: 0, skipped: 1, errors: [] });
    expect(await reasons(desk)).toHaveLength(3);
    await desk.close();
  });
});
