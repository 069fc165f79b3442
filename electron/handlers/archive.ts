import { MAX_IMPORT_PROBLEMS, type ImportResult } from '../../shared/api/archive';
import { HotlineError } from '../../shared/api/result';
import { exportArchive } from '../archive/export';
import { importArchive } from '../archive/import';
import { countRecords } from '../archive/pages';
import { ArchiveFileError, type ImportReport } from '../archive/types';
import { requireDesk, requireRole, requireUser, type FileHost, type Handler, type HandlerContext } from './context';
import { exportJobs } from './exportJobs';

/**
 * The archive from the Review screen: export what the list shows (its filter)
 * to .xlsx or .csv, and import an exported file or a paper-style record sheet.
 * The file work is `electron/archive`'s, the same as `hotline export|import`.
 */

export const startExport: Handler<'startExport'> = async (req, ctx) => {
  const user = await requireUser(ctx.db, ctx.session);
  const { format, lang, ...filter } = req;
  if (filter.to < filter.from) throw new HotlineError('invalid_request', 'The range ends before it starts.', 'to');
  const now = ctx.now();
  // An empty file would look like an archive with nothing in it; say so before any dialog opens.
  if ((await countRecords(ctx.db, filter, now)) === 0) throw new HotlineError('nothing_to_export', 'The list is empty: there is nothing to export. Change the dates or the filters.');
  const target = await filesOf(ctx).exportTarget(suggestedName(filter.from, filter.to, format));
  if (!target) return null;
  return exportJobs.start(user.id, target, ({ signal, progress }) =>
    exportArchive(ctx.db, { filter, format, lang: lang ?? 'zh', file: target.file, now, signal, onProgress: progress }),
  );
};

export const exportStatus: Handler<'exportStatus'> = async (req, ctx) => {
  const user = await requireUser(ctx.db, ctx.session);
  return exportJobs.status(req.job, user.id);
};

export const cancelExport: Handler<'cancelExport'> = async (req, ctx) => {
  const user = await requireUser(ctx.db, ctx.session);
  return exportJobs.cancel(req.job, user.id);
};

/** One import at a time: each holds a whole file's rows in memory until they are checked. */
let importing = false;

/** Adds records to the team's archive, so it is a team lead's (or the admin's) to do. */
export const importArchiveFile: Handler<'importArchive'> = async (req, ctx) => {
  const user = await requireRole(ctx.db, ctx.session, ['team_lead', 'admin']);
  const files = filesOf(ctx);
  if (importing) throw new HotlineError('busy', 'An import is still running; wait for it to finish.');
  importing = true;
  let file: string | null = null;
  try {
    const source = await files.importSource(req.upload);
    if (!source) return null;
    file = source.file;
    // A paper record sheet has no desk column: its rows are this desk's.
    const desk = await requireDesk(ctx.db);
    const report = await importArchive(ctx.db, { file: source.file, actor: user.name, now: ctx.now(), deskCode: desk.code, dryRun: req.dryRun === true });
    return importResult(report, source.fileName);
  } catch (error) {
    // The reader names the file by its path; browser mode's is a temporary name the person never saw.
    if (error instanceof ArchiveFileError) throw new HotlineError('file_unreadable', file ? error.message.replaceAll(file, fileNameOf(req, file)) : error.message);
    throw error;
  } finally {
    importing = false;
    if (file) files.imported?.(file);
  }
};

function filesOf(ctx: HandlerContext): FileHost {
  if (!ctx.files) throw new HotlineError('invalid_request', 'This window cannot save or open files; use hotline export / hotline import.');
  return ctx.files;
}

const fileNameOf = (req: { upload?: string | undefined }, file: string) => (req.upload ? 'The uploaded file' : file);

/** e.g. hotline-2024-05-01_2024-05-31.xlsx, or hotline-2024-05-20.csv for one day. */
export function suggestedName(from: string, to: string, format: string): string {
  return `hotline-${from === to ? from : `${from}_${to}`}.${format}`;
}

function importResult(report: ImportReport, fileName: string): ImportResult {
  return {
    fileName,
    format: report.format,
    layout: report.layout,
    dryRun: report.dryRun,
    ...(report.encoding ? { encoding: report.encoding } : {}),
    zone: report.zone,
    zoneSource: report.zoneSource,
    deskCode: report.deskCode,
    rows: report.rows,
    imported: report.imported,
    skipped: report.skipped,
    steps: report.steps,
    problems: report.errors.slice(0, MAX_IMPORT_PROBLEMS),
    problemCount: report.errors.length,
    notes: report.notes.slice(0, MAX_IMPORT_PROBLEMS),
    noteCount: report.notes.length,
    inferred: report.inferred.slice(0, MAX_IMPORT_PROBLEMS),
    inferredCount: report.inferred.length,
    ignoredColumns: report.ignoredColumns,
    columns: report.columns,
    preview: report.preview,
  };
}
