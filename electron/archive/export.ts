import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { currentPolicy } from '../records/policies';
import type { Database } from '../store/schema';
import { countRecords, loadPolicies } from './pages';
import type { ExportOptions, ExportResult } from './types';
import { writeCsvRows, writeXlsxSheets, type SheetJob } from './writeSheets';
import { XlsxBook } from './xlsxWriter';

/**
 * Writes the filtered records to an .xlsx (records, steps and summary sheets)
 * or a .csv (records). The file is written under a temporary name beside the
 * chosen one and renamed only when complete and flushed to disk: a crash, an
 * error or a cancel (options.signal) never leaves half a file under the chosen
 * name, and removes the temporary one.
 * @example await exportArchive(db, { filter: { from: '2024-05-01', to: '2024-05-31' }, format: 'xlsx', file: 'may.xlsx', now: Date.now() })
 */
export async function exportArchive(db: Kysely<Database>, options: ExportOptions): Promise<ExportResult> {
  const { filter, format, file, now, signal } = options;
  const lang = options.lang ?? 'zh';
  signal?.throwIfAborted();
  const [policies, { policy }, total] = await Promise.all([loadPolicies(db), currentPolicy(db, now), countRecords(db, filter, now)]);
  const visits = format === 'xlsx' ? 2 * total : total;
  options.onProgress?.(0, visits);

  const temp = path.join(path.dirname(file), `${path.basename(file)}.tmp-${randomBytes(6).toString('hex')}`);
  const out = fs.createWriteStream(temp, { flags: 'wx' });
  // Without a listener a write error (disk full) would crash the process; it is rethrown at the next page instead.
  let failure: Error | null = null;
  out.on('error', (error) => {
    failure ??= error;
  });
  const job: SheetJob = {
    db,
    filter,
    lang,
    now,
    policies,
    policy,
    ...(options.rowsPerSheet === undefined ? {} : { rowsPerSheet: options.rowsPerSheet }),
    check() {
      if (failure) throw failure;
      signal?.throwIfAborted();
    },
    progress(done) {
      options.onProgress?.(done, visits);
    },
  };
  const book = format === 'xlsx' ? new XlsxBook(out, lang) : null;
  try {
    const written = book ? await writeXlsxSheets(job, book) : await writeCsvRows(job, out);
    if (!book) out.end();
    await closed(out);
    job.check();
    await flushToDisk(temp);
    fs.renameSync(temp, file);
    return { ...written, file };
  } catch (error) {
    book?.abort();
    out.destroy();
    await closed(out);
    fs.rmSync(temp, { force: true });
    throw error;
  }
}

/** The file descriptor is released (Windows cannot rename or remove an open file). */
async function closed(out: fs.WriteStream): Promise<void> {
  if (out.closed) return;
  await new Promise<void>((resolve) => out.once('close', () => resolve()));
}

/** The bytes reach the disk before the rename makes them the chosen file (a power cut must not leave it empty). */
async function flushToDisk(file: string): Promise<void> {
  const handle = await fs.promises.open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
