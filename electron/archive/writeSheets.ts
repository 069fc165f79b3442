import type { Writable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Policy } from '../../shared/policy/schema';
import { computeStats } from '../stats';
import { sqliteStatsQueries } from '../store/statsQueries';
import type { ReviewFilter } from '../store/review';
import type { Database } from '../store/schema';
import { csvField, cutToCellLimit, defuseFormula, type CellValue } from './cells';
import { RECORD_COLUMNS, SHEET_NAMES, STEP_COLUMNS } from './columns';
import { recordPages, stepPages } from './pages';
import { recordCells, stepRows, type CellContext } from './recordCells';
import { summaryRows } from './summary';
import type { ArchiveLang } from './types';
import { dateCell, wallClockDate, wallClockText } from './wallClock';
import type { XlsxBook } from './xlsxWriter';

/** What both formats need while writing: the rows to read, and the export's progress, cancel and error checks. */
export interface SheetJob {
  db: Kysely<Database>;
  filter: ReviewFilter;
  lang: ArchiveLang;
  now: number;
  policies: Map<number, Policy>;
  /** The current policy: the summary's resolution targets and priority names. */
  policy: Policy;
  rowsPerSheet?: number;
  /** Throws when the export was cancelled or the file failed. */
  check(): void;
  /** Records visited so far. */
  progress(done: number): void;
}

/** Lets the zip and the file stream catch up between pages, so rows never pile up in memory. */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));
const textTimes = (ms: number[], zone: string) => ms.map((m) => wallClockText(m, zone)).join('\n');

/** Records sheet, steps sheet, summary sheet. Returns the records and steps written. */
export async function writeXlsxSheets(job: SheetJob, book: XlsxBook): Promise<{ rows: number; steps: number }> {
  const names = SHEET_NAMES[job.lang];
  const ctx: CellContext = { lang: job.lang, now: job.now, policies: job.policies, time: wallClockDate, times: textTimes, date: dateCell };
  let done = 0;

  const records = book.table(names.records, RECORD_COLUMNS, job.rowsPerSheet);
  for await (const page of recordPages(job.db, job.filter, job.now)) {
    job.check();
    for (const b of page) records.add(recordCells(b, ctx));
    job.progress((done += page.length));
    await records.caughtUp(job.check);
    await breathe();
  }
  records.commit();

  // A second pass for the steps: their sheet may only start once the records sheet is zipped.
  const steps = book.table(names.steps, STEP_COLUMNS, job.rowsPerSheet);
  for await (const page of stepPages(job.db, job.filter, job.now)) {
    job.check();
    for (const b of page) for (const row of stepRows(b, ctx)) steps.add(row);
    job.progress((done += page.length));
    await steps.caughtUp(job.check);
    await breathe();
  }
  steps.commit();

  const stats = await computeStats(sqliteStatsQueries(job.db), { from: job.filter.from, to: job.filter.to, now: job.now }, job.policy);
  const summary = book.sheet(names.summary, false);
  summary.columns = [{ width: 40 }, ...Array.from({ length: 5 }, () => ({ width: 16 }))];
  for (const line of summaryRows(stats, job.lang, job.policy)) {
    const row = summary.addRow(book.cells(line.cells));
    if (line.kind === 'title' || line.kind === 'header') row.font = { bold: true, ...(line.kind === 'title' ? { size: 12 } : {}) };
    for (const c of line.percent ?? []) row.getCell(c + 1).numFmt = '0.0%';
    row.commit();
  }
  summary.commit();
  job.check();
  await book.commit();
  return { rows: records.written, steps: steps.written };
}

/** CSV: UTF-8 with a BOM (so Excel reads Chinese), CRLF, RFC 4180 quoting, formulas defused. The records only. */
export async function writeCsvRows(job: SheetJob, out: Writable): Promise<{ rows: number; steps: number }> {
  const ctx: CellContext = { lang: job.lang, now: job.now, policies: job.policies, time: wallClockText, times: textTimes, date: (d) => d };
  const field = (v: CellValue): string => {
    if (v === null) return '';
    if (typeof v === 'number') return String(v);
    if (v instanceof Date) return v.toISOString();
    return csvField(defuseFormula(cutToCellLimit(v, job.lang)));
  };
  const line = (values: readonly CellValue[]) => `${values.map(field).join(',')}\r\n`;
  const write = async (chunk: string) => {
    if (out.write(chunk)) return;
    // A failed stream never drains: its error (checked next) ends the wait instead.
    await new Promise<void>((resolve) => {
      const done = () => {
        out.off('drain', done).off('error', done).off('close', done);
        resolve();
      };
      out.on('drain', done).on('error', done).on('close', done);
    });
    job.check();
  };

  await write(`\uFEFF${line(RECORD_COLUMNS.map((c) => c[job.lang]))}`);
  let rows = 0;
  for await (const page of recordPages(job.db, job.filter, job.now)) {
    job.check();
    await write(page.map((b) => line(recordCells(b, ctx))).join(''));
    job.progress((rows += page.length));
    await breathe();
  }
  job.check();
  return { rows, steps: 0 };
}
