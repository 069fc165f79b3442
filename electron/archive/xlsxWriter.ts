import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { MAX_SHEET_ROWS, safeSheetName, xlsxText, type CellValue } from './cells';
import { NUM_FMT, type ColumnDef } from './columns';
import { RowRenderer } from './rowXml';
import type { ArchiveLang } from './types';

/**
 * A streaming workbook: each sheet is written row by row and committed before
 * the next one starts. exceljs zips sheets in the order they were added, so a
 * second sheet opened early would sit in memory until the first is done; one
 * sheet at a time keeps memory flat however many rows there are.
 */
/** exceljs' Enums.ValueType.Number. */
const NUMBER_CELL = 2;
/** The export's deflate level (see the constructor); the bench's floor writes with the same. */
export const ZLIB_LEVEL = 3;

export class XlsxBook {
  private readonly book: ExcelJS.stream.xlsx.WorkbookWriter;
  private readonly taken = new Set<string>();

  constructor(
    stream: Writable,
    readonly lang: ArchiveLang,
  ) {
    // Shared strings would keep every distinct text in memory until the end. Deflate level 3 (zlib's
    // fast strategy): 100,000 records in 36 MiB instead of level 6's 30 MiB, and the main thread no
    // longer waits for the compressor (two runs each: level 6 18.3–20.0 s, level 3 14.2–17.0 s).
    this.book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false, zip: { zlib: { level: ZLIB_LEVEL } } });
  }

  /** A sheet with a bold, frozen header row, an autofilter over its rows, column widths and number formats. */
  table(name: string, columns: readonly ColumnDef[], rowsPerSheet = MAX_SHEET_ROWS): TableSheet {
    return new TableSheet(this, name, columns, rowsPerSheet);
  }

  sheet(name: string, frozenHeader: boolean): ExcelJS.Worksheet {
    return this.book.addWorksheet(safeSheetName(name, this.taken), frozenHeader ? { views: [{ state: 'frozen', ySplit: 1 }] } : {});
  }

  async commit(): Promise<void> {
    await this.book.commit();
  }

  /**
   * Waits while the zip is behind. exceljs hands rows to the compressor without
   * looking at its backpressure, so a fast writer would pile the whole sheet up
   * in the compressor's input buffer (300 MB for 100,000 records); waiting for
   * its 'drain' keeps memory flat. `check` throws when the export failed or was
   * cancelled meanwhile, so a stalled zip never leaves this waiting.
   */
  async caughtUp(sheet: ExcelJS.Worksheet, check: () => void): Promise<void> {
    const compressor = (sheet as unknown as SheetStream).stream.pipes?.[0];
    if (!compressor) return;
    // archiver's streams come from readable-stream 2, which predates writableNeedDrain.
    const behind = () => !compressor.destroyed && (compressor.writableNeedDrain ?? (compressor as unknown as OldWritable)._writableState?.needDrain ?? false);
    while (behind()) {
      check();
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          compressor.off('drain', done);
          resolve();
        };
        const timer = setTimeout(done, 200);
        compressor.once('drain', done);
      });
    }
  }

  /** Stops zipping after a cancel or an error, so nothing more is written to the stream. */
  abort(): void {
    (this.book as unknown as { zip?: { abort(): void } }).zip?.abort();
  }

  /** The workbook's style id for a cell style (registered once per distinct style object). */
  styleId(style: Partial<ExcelJS.Style>): number {
    const styles = (this.book as unknown as { styles: { addStyleModel(style: Partial<ExcelJS.Style>, cellType: number): number } }).styles;
    return Object.keys(style).length === 0 ? 0 : styles.addStyleModel(style, NUMBER_CELL);
  }

  /** The only place values reach exceljs cells (header and summary rows): strings made XML-safe and cut to the cell limit; nothing but strings, numbers, Dates. */
  cells(values: readonly CellValue[]): Array<Exclude<CellValue, null> | undefined> {
    // A blank is left out (undefined), not written as an empty cell.
    return values.map((v) => (typeof v === 'string' ? xlsxText(v, this.lang) : (v ?? undefined)));
  }
}

/** A column's cell style: its number format, and wrapping for the multi-line columns. */
function columnStyle(c: ColumnDef): Partial<ExcelJS.Style> {
  const numFmt = NUM_FMT[c.format];
  return {
    ...(numFmt ? { numFmt } : {}),
    ...(c.format === 'wrap' ? { alignment: { vertical: 'top', wrapText: true } } : {}),
  };
}

type OldWritable = { _writableState?: { needDrain?: boolean } };

/** What TableSheet needs of exceljs' sheet writer beyond its typings: the sheet's XML stream. */
type SheetStream = { stream: { write(xml: string): unknown; pipes?: Writable[] } };

/**
 * Rows of one table. The header row goes through exceljs; data rows are
 * rendered by RowRenderer and written to the sheet's stream a page at a time.
 * Past the sheet's row limit they go on in a next sheet ("记录 (2)") with the same header.
 */
export class TableSheet {
  private current: ExcelJS.Worksheet | null = null;
  private rowsInSheet = 0;
  private pending: string[] = [];
  private readonly renderer: RowRenderer;
  written = 0;

  constructor(
    private readonly book: XlsxBook,
    private readonly name: string,
    private readonly columns: readonly ColumnDef[],
    private readonly rowsPerSheet: number,
  ) {
    this.renderer = new RowRenderer(columns.map((c) => book.styleId(columnStyle(c))), book.lang);
    this.open();
  }

  private open(): void {
    const sheet = this.book.sheet(this.name, true);
    sheet.columns = this.columns.map((c) => ({ key: c.key, width: c.width }));
    const header = sheet.addRow(this.columns.map((c) => c[this.book.lang]));
    header.font = { bold: true };
    header.alignment = { vertical: 'top', wrapText: true };
    // Committing the header also opens <sheetData>: the rendered rows follow it.
    header.commit();
    this.current = sheet;
    this.rowsInSheet = 1;
  }

  private close(): void {
    this.flush();
    const sheet = this.current!;
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: this.rowsInSheet, column: this.columns.length } };
    sheet.commit();
  }

  add(values: readonly CellValue[]): void {
    if (this.rowsInSheet >= this.rowsPerSheet) {
      this.close();
      this.open();
    }
    this.pending.push(this.renderer.row(++this.rowsInSheet, values));
    this.written++;
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    (this.current as unknown as SheetStream).stream.write(this.pending.join(''));
    this.pending = [];
  }

  commit(): void {
    this.close();
  }

  /** Call between pages: writes the page and returns once the zip has taken it. */
  async caughtUp(check: () => void): Promise<void> {
    this.flush();
    if (this.current) await this.book.caughtUp(this.current, check);
  }
}
