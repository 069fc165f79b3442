import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportArchive } from '../../../electron/archive/export';
import { openTable, type RawCell, type RawRow } from '../../../electron/archive/importRead';
import { sheetRows, type SheetBook } from '../../../electron/archive/importSheet';
import { ArchiveFileError } from '../../../electron/archive/types';
import { tempDir } from '../../helpers/tempStore';
import { deskWithRecords, RANGE } from './fixtures';

const tmp = tempDir('hotline-sheet-');
const file = (name: string) => path.join(tmp.dir, name);
afterAll(() => tmp.remove());

const BOOK: SheetBook = {
  sharedStrings: ['共享', { richText: [{ text: '富' }, { text: '文本' }] }, null],
  numFmtOf: (id) => ({ 1: 'yyyy-mm-dd hh:mm', 2: '0.0', 3: '[Red]"d"0', 4: 'hh:mm' })[id],
  date1904: false,
};

async function rowsOf(xml: string, book: SheetBook = BOOK, chunk = xml.length): Promise<RawRow[]> {
  async function* chunks() {
    for (let i = 0; i < xml.length; i += chunk) yield xml.slice(i, i + chunk);
  }
  const rows: RawRow[] = [];
  for await (const row of sheetRows(chunks(), book)) rows.push(row);
  return rows;
}

const SHEET = [
  '<?xml version="1.0" encoding="UTF-8"?><worksheet><cols><col min="1" max="2" width="9"/></cols><sheetData>',
  '<row r="1" spans="1:9"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c>',
  '<c r="D1" t="inlineStr"><is><t xml:space="preserve"> a &amp;lt; b &#x4e2d;&#25991;\r\nline</t></is></c>',
  '<c r="E1" t="inlineStr"><is><r><rPr><b/></rPr><t>粗</t></r><r><t>体</t></r><rPh sb="0" eb="1"><t>cu</t></rPh></is></c>',
  "<c r='G1' t='b'><v>1</v></c><c r=\"H1\" t=\"e\"><v>#N/A</v></c><c r=\"I1\" t=\"inlineStr\"><is><t><![CDATA[<c>&amp;]]></t></is></c></row>",
  '<!-- a comment --><row r="3"><c r="A3" s="1"><v>45432.59375</v></c><c r="B3" s="2"><v>1.5</v></c><c r="C3" s="3"><v>7</v></c>',
  '<c r="D3" s="4"><v>0.5</v></c><c r="E3"><v>45432</v></c><c r="F3" s="1"/><c r="G3" t="d"><v>2024-05-20T14:15:00</v></c></row>',
  '<row r="4"><c r="A4" t="str"><f>A1&amp;"x"</f><v>共享x</v></c><c r="B4"><f>1+1</f><v>2</v></c><c r="C4"><f>NOW()</f></c>',
  '<c r="D4" t="b"><f>TRUE()</f><v>1</v></c><c r="E4" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>',
  '<row r="5" spans="1:3" customFormat="1"/><row><c t="inlineStr"><is><t>x</t></is></c><c><v>2</v></c></row>',
  '</sheetData><mergeCells count="0"/></worksheet>',
].join('');

const EXPECTED: RawRow[] = [
  {
    row: 1,
    cells: ['共享', '富文本', null, ' a &lt; b 中文\nline', '粗体', null, true, '#N/A', '<c>&amp;'],
  },
  {
    row: 3,
    cells: [new Date(Date.UTC(2024, 4, 20, 14, 15)), 1.5, 7, new Date(Date.UTC(1899, 11, 30, 12)), 45432, null, new Date(Date.UTC(2024, 4, 20, 14, 15))],
  },
  { row: 4, cells: ['共享x', 2, null, true, '#DIV/0!'] },
  { row: 5, cells: [] },
  { row: 6, cells: ['x', 2] },
];

describe('a worksheet read from its XML', () => {
  it('gives every kind of cell as exceljs would, made plain', async () => {
    expect(await rowsOf(SHEET)).toEqual(EXPECTED);
  });

  it('gives the same rows however the text is cut into chunks', async () => {
    for (const size of [1, 2, 3, 7, 64, 333]) expect(await rowsOf(SHEET, BOOK, size)).toEqual(EXPECTED);
  });

  it('counts dates from 1904 in a workbook that says so', async () => {
    const rows = await rowsOf('<worksheet><sheetData><row r="1"><c r="A1" s="1"><v>0</v></c></row></sheetData></worksheet>', { ...BOOK, date1904: true });
    expect(rows[0]!.cells).toEqual([new Date(Date.UTC(1904, 0, 1))]);
  });

  it('refuses a sheet that ends in the middle of a row', async () => {
    await expect(rowsOf(SHEET.slice(0, SHEET.indexOf('<row r="4"') + 30))).rejects.toThrow(/middle of a row/);
  });
});

/** exceljs' own streaming reader, its cell values made plain as the import did before it read sheets itself. */
async function exceljsRows(xlsx: string): Promise<Array<{ name: string | undefined; rows: RawRow[] }>> {
  const plain = (value: ExcelJS.CellValue | undefined): RawCell => {
    if (value === undefined || value === null) return null;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('formula' in value || 'sharedFormula' in value) {
      const result = (value as { result?: unknown }).result;
      return typeof result === 'string' || typeof result === 'number' ? result : null;
    }
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('error' in value) return `#${String(value.error).replace(/^#/, '')}`;
    return null;
  };
  const sheets: Array<{ name: string | undefined; rows: RawRow[] }> = [];
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(xlsx, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
  for await (const sheet of reader) {
    const rows: RawRow[] = [];
    for await (const row of sheet as unknown as AsyncIterable<ExcelJS.Row>) {
      const values = row.values as ExcelJS.CellValue[];
      const cells: RawCell[] = [];
      for (let c = 1; c < values.length; c++) cells.push(plain(values[c]));
      rows.push({ row: row.number, cells });
    }
    sheets.push({ name: (sheet as unknown as { name?: string }).name, rows });
  }
  return sheets;
}

async function ourRows(xlsx: string): Promise<Array<{ name: string | undefined; rows: RawRow[] }>> {
  const sheets: Array<{ name: string | undefined; rows: RawRow[] }> = [];
  for await (const sheet of openTable(xlsx).sheets) {
    const rows: RawRow[] = [];
    for await (const row of sheet.rows) rows.push(row);
    sheets.push({ name: sheet.name, rows });
  }
  return sheets;
}

describe('the import reads workbooks as exceljs does', () => {
  beforeAll(async () => {
    const desk = await deskWithRecords();
    await exportArchive(desk.store.db, { filter: RANGE, format: 'xlsx', file: file('export.xlsx'), now: desk.clock.ms });
    await desk.close();

    // exceljs' own (non-streaming) writer: shared strings, rich text, formulas with results, dates, a hyperlink.
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('类型');
    sheet.addRow(['文本', 42, 1.25, true, new Date(Date.UTC(2024, 4, 20, 14, 15)), null, 'a < b & "c"']);
    sheet.addRow([{ richText: [{ text: '富', font: { bold: true } }, { text: '文本' }] }, { formula: 'B1*2', result: 84 }, { formula: 'A1&"!"', result: '文本!' }]);
    sheet.addRow([{ text: '链接', hyperlink: 'https://example.com' }, { error: '#N/A' }, '多行\n文本']);
    sheet.getCell('D3').value = new Date(Date.UTC(1899, 11, 30, 15, 30));
    sheet.getCell('D3').numFmt = 'hh:mm';
    book.addWorksheet('空');
    await book.xlsx.writeFile(file('exceljs.xlsx'));

    // openpyxl (Debian's python3-openpyxl), another writer's layout of the same kinds of cell.
    const script = [
      'import datetime, sys, openpyxl',
      'book = openpyxl.Workbook(); sheet = book.active; sheet.title = "记录"',
      'sheet.append(["记录编号", "日期", "来电时间", "分钟", "是否", "公式"])',
      'sheet.append(["CS20240520001", datetime.date(2024, 5, 20), datetime.datetime(2024, 5, 20, 14, 15), 2.5, False, "=D2*2"])',
      'sheet.append(["CS20240520002", datetime.date(2024, 5, 20), datetime.time(15, 30), None, True, None])',
      'book.save(sys.argv[1])',
    ].join('\n');
    await promisify(execFile)('/usr/bin/python3', ['-c', script, file('openpyxl.xlsx')]);
  });

  // Cells past the last one with a value are nothing either way.
  const trimmed = (sheets: Array<{ name: string | undefined; rows: RawRow[] }>) =>
    sheets.map((s) => s.rows.map((r) => ({ row: r.row, cells: r.cells.slice(0, r.cells.findLastIndex((c) => c !== null) + 1) })));

  it.each(['export.xlsx', 'exceljs.xlsx', 'openpyxl.xlsx'])('%s: the same rows and cells', async (name) => {
    const [ours, theirs] = await Promise.all([ourRows(file(name)), exceljsRows(file(name))]);
    expect(ours.length).toBeGreaterThan(0);
    expect(trimmed(ours)).toEqual(trimmed(theirs));
  });

  it('names the sheets, also where exceljs cannot (openpyxl refers to its sheets by absolute paths)', async () => {
    expect((await ourRows(file('export.xlsx'))).map((s) => s.name)).toEqual(['记录', '处理步骤', '汇总']);
    expect((await ourRows(file('exceljs.xlsx'))).map((s) => s.name)).toEqual(['类型', '空']);
    expect((await ourRows(file('openpyxl.xlsx'))).map((s) => s.name)).toEqual(['记录']);
    expect((await exceljsRows(file('openpyxl.xlsx'))).map((s) => s.name)).toEqual(['Sheet1']);
  });

  it('reports a damaged sheet as an unreadable file', async () => {
    // A stored (uncompressed) zip whose sheet is cut inside a row, its directory intact.
    const book = new ExcelJS.Workbook();
    book.addWorksheet('坏').addRow(['记录编号', '来电时间']);
    const zipped = await book.xlsx.writeBuffer();
    const damaged = await cutSheet(Buffer.from(zipped));
    fs.writeFileSync(file('damaged.xlsx'), damaged);
    const read = async () => {
      for await (const sheet of openTable(file('damaged.xlsx')).sheets) for await (const row of sheet.rows) void row;
    };
    await expect(read()).rejects.toBeInstanceOf(ArchiveFileError);
  });
});

/** Rewrites an xlsx so that sheet1.xml ends inside its first row (JSZip is exceljs' own dependency). */
async function cutSheet(xlsx: Buffer): Promise<Buffer> {
  const JSZip = (await import('jszip')).default;
  const zip = await JSZip.loadAsync(xlsx);
  const sheet = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
  zip.file('xl/worksheets/sheet1.xml', sheet.slice(0, sheet.indexOf('<row') + 20));
  return zip.generateAsync({ type: 'nodebuffer' });
}
