import path from 'node:path';
import { importArchive } from '../archive/import';
import { findDesk } from '../store/desk';
import { importReasonText } from '../../shared/i18n/importReasons';
import { ImportLockedError } from '../archive/importLock';
import { ArchiveFileError } from '../archive/types';
import { DB_HELP, UsageError, type Command } from './args';
import { formatImportReport } from './importReport';
import { withStore } from './withStore';

/** Progress on a terminal: the rows read, every 10,000 (a file's row count is known only at its end). */
function rowsReadLine(): (done: number) => void {
  let shown = 0;
  return (done) => {
    if (done - shown < 10_000) return;
    shown = done;
    process.stderr.write(`  read ${done} rows…\n`);
  };
}

export const importCommand: Command = {
  name: 'import',
  summary: 'read records from an exported .xlsx/.csv or one of the seeds’ sheets (all rows or none; --dry-run checks first)',
  usage: `hotline import FILE [--desk CODE] [--zone IANA] [--dry-run] [--lang zh|en] [--db PATH]

Reads FILE (.xlsx or .csv, UTF-8 or GBK) written by hotline export, in either
language, or laid out like one of the seeds' sheets: the hotline record sheet
(记录编号 … 备注), the tracking sheet (问题编号, 提交时间, 解决状态 …) or the
response record sheet (记录编号, 接收时间, 需求类型 …). Every row is checked
first; if any has a problem, nothing is imported and each bad row, column and
reason is listed (exit status 1). Records already in the database (same desk
code and record number, or the same source reference) are left as they are, so
importing the same file twice changes nothing the second time. On a terminal
it shows the rows read; Ctrl+C while it reads stops it, nothing imported.

  --desk CODE   the desk the rows belong to, for a sheet without a 坐席代码 column
                (default: this database's desk)
  --zone IANA   the time zone of a sheet without a 时区 column (default: this desk's)
  --dry-run     read and check everything, write nothing: shows the layout, every
                column and what it fills, the first five rows as they would be
                stored (times in the zone used), every problem and note
  --lang zh|en  the report in Chinese or English (default)
  ${DB_HELP}`,
  options: { desk: { type: 'string' }, zone: { type: 'string' }, 'dry-run': { type: 'boolean' }, lang: { type: 'string' } },
  async run(values, positionals) {
    const [file, extra] = positionals;
    if (!file) throw new UsageError('say which FILE to import');
    if (extra !== undefined) throw new UsageError(`one file at a time (also got "${extra}")`);
    const deskCode = typeof values.desk === 'string' ? values.desk : undefined;
    const timeZone = typeof values.zone === 'string' ? values.zone : undefined;
    const lang = values.lang ?? 'en';
    if (lang !== 'zh' && lang !== 'en') throw new UsageError('--lang is zh or en');
    const dryRun = values['dry-run'] === true;
    // Ctrl+C stops the import with nothing of it left: while the file is read, or while its records are staged (unseen) before they are published.
    const cancel = new AbortController();
    const onInterrupt = () => cancel.abort();
    process.once('SIGINT', onInterrupt);
    try {
      const report = await withStore(values, async (store) => {
        // As the Review screen does: rows without a desk code belong to this database's desk unless --desk says otherwise.
        const desk = deskCode ?? (await findDesk(store.db))?.code;
        return importArchive(store.db, {
          file: path.resolve(file),
          actor: `hotline import (${path.basename(file)})`,
          now: Date.now(),
          ...(desk === undefined ? {} : { deskCode: desk }),
          ...(timeZone === undefined ? {} : { timeZone }),
          dryRun,
          signal: cancel.signal,
          ...(process.stderr.isTTY ? { onProgress: rowsReadLine() } : {}),
        });
      });
      const text = `${formatImportReport({ ...report, file }, lang)}\n`;
      if (report.errors.length > 0) {
        process.stderr.write(text);
        return 1;
      }
      process.stdout.write(text);
      return 0;
    } catch (error) {
      if (cancel.signal.aborted) {
        process.stderr.write('hotline import: cancelled; nothing was imported.\n');
        return 130;
      }
      if (error instanceof ImportLockedError) {
        process.stderr.write(`hotline import: ${error.message}\n`);
        return 1;
      }
      if (!(error instanceof ArchiveFileError)) throw error;
      const message = lang === 'zh' && error.code !== null ? `${file}：${importReasonText('zh', { code: error.code, params: error.params })}。未导入任何记录。` : error.message;
      process.stderr.write(`hotline import: ${message}\n`);
      return 1;
    } finally {
      process.off('SIGINT', onInterrupt);
    }
  },
};
