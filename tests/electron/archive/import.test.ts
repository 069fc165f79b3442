import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportArchive } from '../../../electron/archive/export';
import { importArchive } from '../../../electron/archive/import';
import { ArchiveFileError } from '../../../electron/archive/types';
import { refreshDueTimes } from '../../../electron/records/callRecord';
import { inWriteTransaction } from '../../../electron/store/writeTransaction';
import { openTestDesk, tempDir, type TestDesk } from '../../helpers/tempStore';
import { deskWithRecords, RANGE, readXlsx } from './fixtures';

const tmp = tempDir('hotline-import-');
let source: TestDesk;
const file = (name: string) => path.join(tmp.dir, name);
const now = () => source.clock.ms;

beforeAll(async () => {
  source = await deskWithRecords();
  for (const lang of ['zh', 'en'] as const) {
    await exportArchive(source.store.db, { filter: RANGE, format: 'xlsx', lang, file: file(`${lang}.xlsx`), now: now() });
    await exportArchive(source.store.db, { filter: RANGE, format: 'csv', lang, file: file(`${lang}.csv`), now: now() });
  }
});
afterAll(async () => {
  await source.close();
  tmp.remove();
});

async function emptyDesk(): Promise<TestDesk> {
  const desk = await openTestDesk({ file: file(`empty-${Math.random().toString(36).slice(2)}.db`) });
  desk.clock.ms = now();
  return desk;
}
const importInto = (desk: TestDesk, from: string, extra: object = {}) => importArchive(desk.store.db, { file: from, actor: '张主管', now: now(), ...extra });
const countCalls = async (desk: TestDesk) => Number((await desk.store.db.selectFrom('calls').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('export → import into an empty database → export', () => {
  it('gives the same rows, in both formats and both languages', async () => {
    for (const name of ['zh.xlsx', 'en.xlsx', 'zh.csv', 'en.csv']) {
      const desk = await emptyDesk();
      const report = await importInto(desk, file(name));
      expect(report).toMatchObject({ layout: 'archive', rows: 4, imported: 4, skipped: 0, errors: [], ignoredColumns: [] });
      // The export's own durations and verdicts agree with what the import works out again.
      expect(report.notes.filter((n) => n.row > 0)).toEqual([]);
      const lang = name.startsWith('en') ? 'en' : 'zh';
      const again = file(`again-${name}`);
      await exportArchive(desk.store.db, { filter: RANGE, format: name.endsWith('csv') ? 'csv' : 'xlsx', lang, file: again, now: now() });
      if (name.endsWith('csv')) expect(fs.readFileSync(again, 'utf8')).toBe(fs.readFileSync(file(name), 'utf8'));
      else {
        const [before, after] = await Promise.all([readXlsx(file(name)), readXlsx(again)]);
        expect(after.map((s) => s.rows)).toEqual(before.map((s) => s.rows));
      }
      await desk.close();
    }
  });

  it('stores the due times refreshDueTimes would, policy in force, no profile, and the hour of day', async () => {
    const desk = await emptyDesk();
    await importInto(desk, file('zh.xlsx'));
    const before = await desk.store.db.selectFrom('calls').selectAll().orderBy('id').execute();
    const transfersBefore = await desk.store.db.selectFrom('transfers').selectAll().orderBy('id').execute();
    await inWriteTransaction(desk.store.db, async (trx) => {
      for (const row of before) await refreshDueTimes(trx, row.id, now());
    });
    expect(await desk.store.db.selectFrom('calls').selectAll().orderBy('id').execute()).toEqual(before);
    expect(await desk.store.db.selectFrom('transfers').selectAll().orderBy('id').execute()).toEqual(transfersBefore);
    expect(before.map((r) => [r.agent, r.agent_id, r.policy_id, r.local_hour])).toEqual([
      ['李娜', null, 1, 14],
      ['李娜', null, 1, 15],
      ['李娜', null, 1, 16],
      ['李娜', null, 1, 14],
    ]);
    const reasons = await desk.store.db.selectFrom('miss_reasons').selectAll().execute();
    expect(reasons).toEqual([expect.objectContaining({ kind: 'response', idx: 0, code: 'overload', text: '当班只有两人', author: '张主管' })]);
    await desk.close();
  });
});

describe('importing', () => {
  it('the same file twice changes nothing the second time, and says so', async () => {
    const desk = await emptyDesk();
    expect(await importInto(desk, file('zh.xlsx'))).toMatchObject({ imported: 4, skipped: 0, steps: 4 });
    const dump = await desk.store.db.selectFrom('calls').selectAll().execute();
    expect(await importInto(desk, file('en.csv'))).toMatchObject({ imported: 0, skipped: 4, steps: 0, errors: [] });
    expect(await desk.store.db.selectFrom('calls').selectAll().execute()).toEqual(dump);
    await desk.close();
  });

  it('names every bad row, column and reason, and imports nothing', async () => {
    const lines = fs.readFileSync(file('zh.csv'), 'utf8').split('\r\n');
    const bad = [
      lines[0],
      lines[1]!.replace('CS20240520001,2024-05-20,2024-05-20 14:15:00,2024-05-20 14:17:00', 'CS20240520001,2024-05-20,2024-05-20 14:15:00,2024-05-20 14:10:00'),
      lines[2]!.replace(',产品类,', ',杂项类,'),
      lines[3]!.replace('CS20240520003', 'X123'),
      ...lines.slice(4),
    ].join('\r\n');
    fs.writeFileSync(file('bad.csv'), bad);
    const desk = await emptyDesk();
    const report = await importInto(desk, file('bad.csv'));
    expect(report.imported).toBe(0);
    expect(report.errors).toEqual([
      { row: 2, column: '首次接听时间', code: 'answered_before_call', params: {}, reason: 'the call was answered before it came in' },
      { row: 3, column: '问题分类', code: 'unknown_value', params: { value: '杂项类' }, reason: '"杂项类" is not one of the known values' },
      { row: 4, column: '记录编号', code: 'record_no_bad', params: { value: 'X123' }, reason: '"X123" is not a record number (CS + YYYYMMDD + serial, e.g. CS20240520001)' },
    ]);
    expect(await countCalls(desk)).toBe(0);
    await desk.close();
  });

  it('refuses a phone number as the desk code without repeating it, importing nothing', async () => {
    const lines = fs.readFileSync(file('zh.csv'), 'utf8').split('\r\n');
    const desk = lines[0]!.split(',').indexOf('坐席代码');
    expect(desk).toBeGreaterThanOrEqual(0);
    const withPhone = lines.map((line, i) => (i === 1 ? line.split(',').map((f, c) => (c === desk ? '13800138000' : f)).join(',') : line));
    fs.writeFileSync(file('phone-desk.csv'), withPhone.join('\r\n'));
    const team = await emptyDesk();
    const report = await importInto(team, file('phone-desk.csv'));
    expect(report.imported).toBe(0);
    expect(report.errors).toEqual([{ row: 2, column: '坐席代码', code: 'desk_code_is_phone', params: {}, reason: 'a phone or ID number is not a desk code' }]);
    expect(await countCalls(team)).toBe(0);
    await team.close();
  });

  it('puts several desks’ exports side by side', async () => {
    const other = await openTestDesk({ setup: false, file: file('b07.db') });
    other.clock.ms = source.clock.ms - 2 * 24 * 3_600_000;
    await other.ok('setupDesk', { code: 'B07', agentName: '王芳', timeZone: 'Asia/Shanghai' });
    const call = await other.ok('startCall', {});
    await other.ok('updateCall', { id: call.id, patch: { reason: '发票开具', category: 'order' } });
    await exportArchive(other.store.db, { filter: RANGE, format: 'xlsx', file: file('b07.xlsx'), now: now() });
    await other.close();

    const team = await emptyDesk();
    await importInto(team, file('zh.xlsx'));
    expect(await importInto(team, file('b07.xlsx'))).toMatchObject({ imported: 1, errors: [] });
    const rows = await team.store.db.selectFrom('calls').select(['desk_code', 'record_no']).orderBy('desk_code').orderBy('record_no').execute();
    expect(rows.filter((r) => r.record_no === 'CS20240520001')).toEqual([
      { desk_code: 'A03', record_no: 'CS20240520001' },
      { desk_code: 'B07', record_no: 'CS20240520001' },
    ]);
    expect((await team.ok('getStats', RANGE)).kpis.calls).toBe(5);
    await team.close();
  });

  it('refuses a truncated or damaged xlsx with a clear error, importing nothing', async () => {
    const whole = fs.readFileSync(file('zh.xlsx'));
    fs.writeFileSync(file('cut.xlsx'), whole.subarray(0, Math.floor(whole.length / 2)));
    fs.writeFileSync(file('junk.xlsx'), Buffer.concat([Buffer.from('PK'), Buffer.alloc(2000, 7)]));
    fs.writeFileSync(file('text.xlsx'), 'not a spreadsheet');
    const desk = await emptyDesk();
    await expect(importInto(desk, file('cut.xlsx'))).rejects.toThrow(/truncated or damaged/);
    await expect(importInto(desk, file('junk.xlsx'))).rejects.toBeInstanceOf(ArchiveFileError);
    await expect(importInto(desk, file('text.xlsx'))).rejects.toThrow(/not an \.xlsx file/);
    expect(await countCalls(desk)).toBe(0);
    await desk.close();
  });
});
