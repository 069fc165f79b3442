import path from 'node:path';
import { importArchive } from '../archive/import';
import { ArchiveFileError, type ImportReport } from '../archive/types';
import { DB_HELP, UsageError, type Command } from './args';
import { withStore } from './withStore';

/** A file with a wrong column can have a problem on every row: the first ones tell what to fix. */
const MAX_LISTED = 200;

/** The report as a person reads it: what happened, then every bad row with its column and reason. */
export function formatImportReport(r: ImportReport): string {
  const lines: string[] = [];
  const layout = r.layout === 'paper' ? 'a paper record sheet layout' : 'a Hotline Log archive';
  lines.push(`${r.file}: ${r.format.toUpperCase()}, ${layout}, ${r.rows} record row${r.rows === 1 ? '' : 's'}.`);
  if (r.ignoredColumns.length > 0) lines.push(`Columns not read: ${r.ignoredColumns.join(', ')}.`);
  if (r.errors.length > 0) {
    lines.push(`Nothing was imported: ${r.errors.length} problem${r.errors.length === 1 ? '' : 's'} to fix first.`);
    for (const e of r.errors.slice(0, MAX_LISTED)) {
      const where = [e.sheet ? `sheet ${e.sheet}` : '', e.row > 0 ? `row ${e.row}` : '', e.column ? `column ${e.column}` : ''].filter(Boolean).join(', ');
      lines.push(`  ${where}: ${e.reason}`);
    }
    if (r.errors.length > MAX_LISTED) lines.push(`  … and ${r.errors.length - MAX_LISTED} more.`);
  } else if (r.imported === 0) {
    lines.push(`Nothing changed: all ${r.skipped} record${r.skipped === 1 ? ' was' : 's were'} already in the database.`);
  } else {
    const skipped = r.skipped > 0 ? `; ${r.skipped} already present, left as they were` : '';
    lines.push(`Imported ${r.imported} record${r.imported === 1 ? '' : 's'} with ${r.steps} handling step${r.steps === 1 ? '' : 's'}${skipped}.`);
  }
  return lines.join('\n');
}

export const importCommand: Command = {
  name: 'import',
  summary: 'read records from an exported .xlsx/.csv or a paper-style record sheet (all rows or none)',
  usage: `hotline import FILE [--desk CODE] [--zone IANA] [--db PATH]

Reads FILE (.xlsx or .csv, UTF-8 or GBK) written by hotline export, in either
language, or laid out like the paper hotline record sheet (记录编号 … 备注).
Every row is checked first; if any has a problem, nothing is imported and each
bad row, column and reason is listed (exit status 1). Records already in the
database (same desk code and record number) are left as they are, so importing
the same file twice changes nothing the second time.

  --desk CODE   the desk the rows belong to, for a sheet without a 坐席代码 column
  --zone IANA   the time zone of a sheet without a 时区 column (default: this desk's)
  ${DB_HELP}`,
  options: { desk: { type: 'string' }, zone: { type: 'string' } },
  async run(values, positionals) {
    const [file, extra] = positionals;
    if (!file) throw new UsageError('say which FILE to import');
    if (extra !== undefined) throw new UsageError(`one file at a time (also got "${extra}")`);
    const deskCode = typeof values.desk === 'string' ? values.desk : undefined;
    const timeZone = typeof values.zone === 'string' ? values.zone : undefined;
    try {
      const report = await withStore(values, (store) =>
        importArchive(store.db, {
          file: path.resolve(file),
          actor: `hotline import (${path.basename(file)})`,
          now: Date.now(),
          ...(deskCode === undefined ? {} : { deskCode }),
          ...(timeZone === undefined ? {} : { timeZone }),
        }),
      );
      const text = `${formatImportReport({ ...report, file })}\n`;
      if (report.errors.length > 0) {
        process.stderr.write(text);
        return 1;
      }
      process.stdout.write(text);
      return 0;
    } catch (error) {
      if (!(error instanceof ArchiveFileError)) throw error;
      process.stderr.write(`hotline import: ${error.message}\n`);
      return 1;
    }
  },
};
