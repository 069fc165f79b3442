import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECORD_COLUMNS } from '../../../electron/archive/columns';
import { parseCsv } from '../../../electron/archive/csv';
import { exportArchive } from '../../../electron/archive/export';
import { recordPages } from '../../../electron/archive/pages';
import { tempDir, type TestDesk } from '../../helpers/tempStore';
import { deskWithRecords, FORMULA, RANGE, readXlsx } from './fixtures';

let desk: TestDesk;
const tmp = tempDir('hotline-csv-');
beforeAll(async () => {
  desk = await deskWithRecords();
});
afterAll(async () => {
  await desk.close();
  tmp.remove();
});

describe('the CSV export', () => {
  it('is UTF-8 with a BOM and CRLF, quotes as RFC 4180 says and defuses formulas', async () => {
    const file = path.join(tmp.dir, 'records.csv');
    expect(await exportArchive(desk.store.db, { filter: RANGE, format: 'csv', file, now: desk.clock.ms })).toMatchObject({ rows: 4, steps: 0 });
    const bytes = fs.readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.split('\r\n')[0]).toBe(RECORD_COLUMNS.map((c) => c.zh).join(','));
    // Outside quoted fields every line ends in CRLF.
    expect(/(^|[^\r])\n/.test(text.replace(/"[^"]*"/g, ''))).toBe(false);
    const rows = [...parseCsv(text)].map((r) => r.fields);
    const two = rows.find((r) => r[0] === 'CS20240520002')!;
    expect(two[7]).toBe(`'${FORMULA}`);
    expect(two[16]).toBe("'+需明日回访");
    expect(two[9]).toBe('技术部\n售后部');
    expect(text).toContain('"\'=HYPERLINK(""http://example.com"",""x"")"');
    const one = rows.find((r) => r[0] === 'CS20240520001')!;
    expect(one.slice(0, 9)).toEqual(['CS20240520001', '2024-05-20', '2024-05-20 14:15:00', '2024-05-20 14:17:00', '2', '王女士', '8000', '订单物流异常', '订单类']);
  });

  it('writes English headers and values with lang en', async () => {
    const file = path.join(tmp.dir, 'records-en.csv');
    await exportArchive(desk.store.db, { filter: RANGE, format: 'csv', lang: 'en', file, now: desk.clock.ms });
    const rows = [...parseCsv(fs.readFileSync(file, 'utf8').slice(1))].map((r) => r.fields);
    expect(rows[0]).toEqual(RECORD_COLUMNS.map((c) => c.en));
    expect(rows[1]!.slice(13, 16)).toEqual(['1. 查询订单号，显示已签收\n2. 协调物流更正地址，客户确认无误', 'Resolved', 'Satisfied']);
  });
});

describe('a long export', () => {
  it('goes on in a next sheet past the sheet’s row limit', async () => {
    const file = path.join(tmp.dir, 'split.xlsx');
    await exportArchive(desk.store.db, { filter: RANGE, format: 'xlsx', file, now: desk.clock.ms, rowsPerSheet: 3 });
    const sheets = await readXlsx(file);
    expect(sheets.map((s) => s.name)).toEqual(['记录', '记录 (2)', '处理步骤', '处理步骤 (2)', '汇总']);
    expect(sheets[0]!.rows.map((r) => r[0]!.v)).toEqual(['记录编号', 'CS20240520001', 'CS20240520002']);
    expect(sheets[1]!.rows.map((r) => r[0]!.v)).toEqual(['记录编号', 'CS20240520003', 'CS20240521001']);
    expect(sheets[1]!.freeze).toBe('A2');
    expect(sheets[1]!.autofilter).toBe('A1:AW3');
  });

  it('reports progress, and a cancel leaves neither the file nor a temporary one', async () => {
    for (const format of ['xlsx', 'csv'] as const) {
      const dir = path.join(tmp.dir, `cancel-${format}`);
      fs.mkdirSync(dir);
      const file = path.join(dir, `out.${format}`);
      const controller = new AbortController();
      const seen: Array<[number, number]> = [];
      const exporting = exportArchive(desk.store.db, {
        filter: RANGE,
        format,
        file,
        now: desk.clock.ms,
        signal: controller.signal,
        onProgress: (done, total) => {
          seen.push([done, total]);
          if (done > 0) controller.abort();
        },
      });
      await expect(exporting).rejects.toMatchObject({ name: 'AbortError' });
      expect(seen[0]).toEqual([0, format === 'xlsx' ? 8 : 4]);
      expect(fs.readdirSync(dir)).toEqual([]);
    }
  });

  it('refuses to start when already cancelled, and keeps an existing file when it fails', async () => {
    const file = path.join(tmp.dir, 'kept.csv');
    fs.writeFileSync(file, 'old');
    await expect(exportArchive(desk.store.db, { filter: RANGE, format: 'csv', file, now: 0, signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
    await expect(exportArchive(desk.store.db, { filter: RANGE, format: 'csv', file: path.join(tmp.dir, 'no-such-dir', 'x.csv'), now: 0 })).rejects.toThrow(/ENOENT/);
    expect(fs.readFileSync(file, 'utf8')).toBe('old');
  });

  it('reads pages whose rows are the rows of the table', async () => {
    const paged = [];
    for await (const page of recordPages(desk.store.db, RANGE, desk.clock.ms, 3)) paged.push(...page.map((b) => b.row));
    const all = await desk.store.db.selectFrom('calls').selectAll().orderBy('local_date').orderBy('call_at').orderBy('id').execute();
    expect(paged).toEqual(all);
  });
});
