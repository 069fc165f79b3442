import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { undoDefuse } from './cells';
import { sheetRows, type SheetBook } from './importSheet';
import { decodeCsv, parseCsv, type CsvEncoding } from './csv';
import { ArchiveFileError, type ArchiveFormat } from './types';

export type { RawCell, RawRow } from './rawCells';
import type { RawRow } from './rawCells';

export interface RawSheet {
  /** Sheet name (xlsx); undefined for CSV. */
  name: string | undefined;
  rows: AsyncIterable<RawRow>;
}

export interface OpenedFile {
  format: ArchiveFormat;
  encoding?: CsvEncoding;
  sheets: AsyncIterable<RawSheet>;
}

/** Opens an .xlsx or .csv (by content, not by name) for reading, sheet by sheet and row by row. */
export function openTable(file: string): OpenedFile {
  let head: Buffer;
  try {
    const fd = fs.openSync(file, 'r');
    try {
      head = Buffer.alloc(4);
      fs.readSync(fd, head, 0, 4, 0);
    } finally {
      fs.closeSync(fd);
    }
  } catch (error) {
    throw new ArchiveFileError(`${file} cannot be read (${error instanceof Error ? error.message : String(error)}).`);
  }
  const zip = head[0] === 0x50 && head[1] === 0x4b;
  if (zip) {
    requireWholeZip(file);
    return { format: 'xlsx', sheets: xlsxSheets(file) };
  }
  if (path.extname(file).toLowerCase() === '.xlsx') throw new ArchiveFileError(`${file} is not an .xlsx file (it is not a zip archive).`);
  const { text, encoding } = decodeCsv(fs.readFileSync(file));
  return { format: 'csv', encoding, sheets: csvSheet(text) };
}

/**
 * A zip ends with its central directory; a file cut short (a copy that stopped,
 * a download that failed) has none. The streaming reader would read the sheets
 * that made it and stop without a word, so this is checked first.
 */
function requireWholeZip(file: string): void {
  const size = fs.statSync(file).size;
  const tail = Buffer.alloc(Math.min(size, 65_557));
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, tail, 0, tail.length, size - tail.length);
  } finally {
    fs.closeSync(fd);
  }
  // End of central directory: signature PK\5\6, within the last 22 + 65,535 (comment) bytes.
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail[i] === 0x50 && tail[i + 1] === 0x4b && tail[i + 2] === 0x05 && tail[i + 3] === 0x06) return;
  }
  throw new ArchiveFileError(`${file} is not a complete .xlsx file: it looks truncated or damaged (its zip directory is missing). Nothing was imported.`);
}

/** The parts of exceljs' streaming reader that SheetReader builds on (not in its typings). */
interface ReaderInternals extends AsyncIterable<unknown> {
  _parseWorksheet(iterator: AsyncIterable<unknown>, sheetNo: string): Generator<unknown>;
  _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncGenerator<unknown>;
  sharedStrings?: SheetBook['sharedStrings'];
  styles: { getStyleModel(id: number): { numFmt?: string } | null };
  properties?: { model?: { date1904?: boolean } };
  workbookRels?: Array<{ Id: string; Target: string }>;
  model?: { sheets?: Array<{ name: string; rId: string }> };
}
const BaseReader = ExcelJS.stream.xlsx.WorkbookReader as unknown as new (input: string, options: object) => ReaderInternals;

/**
 * Decodes a byte stream as UTF-8 across chunk boundaries, yielding text.
 * exceljs decodes each chunk on its own, so a Chinese character split across
 * two chunks read as two U+FFFD (exceljs issues 2063, 2084; fix unmerged in 4.4).
 */
async function* utf8Text(chunks: AsyncIterable<unknown>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of chunks) yield typeof chunk === 'string' ? chunk : decoder.decode(chunk as Uint8Array, { stream: true });
  const rest = decoder.decode();
  if (rest !== '') yield rest;
}

/**
 * exceljs' streaming reader for the workbook (zip, shared strings, styles,
 * sheet names), with each worksheet's rows read by sheetRows (importSheet.ts)
 * from text decoded across chunk boundaries.
 */
class SheetReader extends BaseReader {
  override *_parseWorksheet(iterator: AsyncIterable<unknown>, sheetNo: string): Generator<unknown> {
    // The sheet's name, found as exceljs finds it: workbook relationship → sheet entry.
    const rel = this.workbookRels?.find((r) => r.Target.replace(/^\/?xl\//, '') === `worksheets/sheet${sheetNo}.xml`);
    const name = rel && this.model?.sheets?.find((s) => s.rId === rel.Id)?.name;
    const book: SheetBook = {
      sharedStrings: this.sharedStrings,
      numFmtOf: (id) => this.styles.getStyleModel(id)?.numFmt,
      date1904: this.properties?.model?.date1904 === true,
    };
    const sheet: RawSheet = { name, rows: sheetRows(utf8Text(iterator), book) };
    yield { eventType: 'worksheet', value: sheet };
  }

  override async *_parseSharedStrings(entry: NodeJS.ReadableStream): AsyncGenerator<unknown> {
    entry.setEncoding('utf8');
    yield* super._parseSharedStrings(entry);
  }
}

async function* xlsxSheets(file: string): AsyncGenerator<RawSheet> {
  // Styles are read so that date cells come back as Dates; hyperlinks are read as their text.
  const reader = new SheetReader(file, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
  let sheets = 0;
  try {
    for await (const sheet of reader as AsyncIterable<RawSheet>) {
      sheets++;
      yield { name: sheet.name, rows: readingRows(file, sheet.rows) };
    }
  } catch (error) {
    throw unreadable(file, error);
  }
  if (sheets === 0) throw new ArchiveFileError(`${file} has no worksheet.`);
}

async function* readingRows(file: string, rows: AsyncIterable<RawRow>): AsyncGenerator<RawRow> {
  try {
    yield* rows;
  } catch (error) {
    throw unreadable(file, error);
  }
}

function unreadable(file: string, error: unknown): ArchiveFileError {
  if (error instanceof ArchiveFileError) return error;
  return new ArchiveFileError(`${file} could not be read as an .xlsx file (${error instanceof Error ? error.message : String(error)}). Nothing was imported.`);
}

async function* csvSheet(text: string): AsyncGenerator<RawSheet> {
  yield { name: undefined, rows: csvRows(text) };
}

async function* csvRows(text: string): AsyncGenerator<RawRow> {
  for (const { row, fields } of parseCsv(text)) yield { row, cells: fields.map((f) => (f === '' ? null : undoDefuse(f))) };
}
