import { MAX_IMPORT_PROBLEMS, type ImportResult } from '../../shared/api/archive';
import { HotlineError } from '../../shared/api/result';
import { canonicalTimeZone, isValidTimeZone } from '../../shared/timing/localTime';
import { ArchiveFileError, type ImportReport } from '../archive/types';
import type { UserRow } from '../store/schema';
import { bulkOf, filesOf, requireDesk, requireRole, type FileHost, type Handler, type HandlerContext } from './context';
import { digestOf, importChecks, type CheckedFile } from './importChecks';
import type { ImportProgress } from '../../shared/api/importCheck';
import type { BulkControl } from '../worker/bulkRunner';
import { refuse } from '../../shared/i18n/refusals';

/**
 * The Review screen's Import card: "Check first" reads a file exactly as an
 * import would and writes nothing; "Import this file" then imports the same
 * file by the check's handle, or Import reads a file straight away. Both add
 * records to the team's archive, so both are a team lead's (or the admin's).
 */

/** The import or check running now, for its progress and cancel; one at a time: each holds a whole file's rows in memory until they are checked. */
interface Running {
  userId: number;
  view: ImportProgress;
  controller: AbortController;
}
let running: Running | null = null;

async function oneAtATime<T>(userId: number, action: ImportProgress['action'], run: (control: BulkControl) => Promise<T>): Promise<T> {
  if (running) throw new HotlineError('busy', 'An import is still running; wait for it to finish.');
  const current: Running = { userId, view: { action, rowsRead: 0, writing: false, written: 0, toWrite: 0, cancelling: false }, controller: new AbortController() };
  running = current;
  const onProgress = (done: number, total: number) => Object.assign(current.view, total > 0 ? { writing: true, written: done, toWrite: total } : { rowsRead: done });
  try {
    return await run({ signal: current.controller.signal, onProgress });
  } catch (error) {
    const name = (error as { name?: unknown } | null)?.name;
    if (current.controller.signal.aborted && name === 'AbortError') throw new HotlineError('import_cancelled', 'The import was cancelled; nothing was imported.');
    // Another process (hotline import, a second app on the same file) is importing into this database.
    if (name === 'ImportLockedError') throw new HotlineError('busy', (error as Error).message);
    throw error;
  } finally {
    running = null;
  }
}

/** The profile's own running import (another profile's is as unknown as none). */
const ownRunning = (userId: number): Running | null => (running?.userId === userId ? running : null);

export const importProgress: Handler<'importProgress'> = async (_req, ctx) => {
  const user = await requireLead(ctx);
  const current = ownRunning(user.id);
  return current ? { ...current.view } : null;
};

/**
 * Stops the import while it reads, or while it writes its records (staged, seen by
 * nobody), which are then removed. Only a cancel that comes as the records are being
 * published is too late: the import then ends as if it had not been asked to stop.
 */
export const cancelImport: Handler<'cancelImport'> = async (_req, ctx) => {
  const user = await requireLead(ctx);
  const current = ownRunning(user.id);
  if (!current) return null;
  current.view.cancelling = true;
  current.controller.abort();
  return { ...current.view };
};

export const checkImport: Handler<'checkImport'> = async (req, ctx) => {
  const user = await requireLead(ctx);
  const files = filesOf(ctx);
  if (req.check && req.upload) throw refuse('check_or_upload');
  return oneAtATime(user.id, 'check', async (control) => {
    const desk = await requireDesk(ctx.db);
    const earlier = req.check ? importChecks.peek(req.check, user.id, ctx.now()) : null;
    const timeZone = zoneOf(req.timeZone ?? earlier?.timeZone ?? desk.time_zone);
    const source = earlier ?? (await chosen(files, req.upload, timeZone));
    if (!source) return null;
    // Before the read: a file saved again while it is checked must not be imported unchecked.
    const digest = digestOf(source.file);
    let report: ImportReport;
    try {
      report = await bulkOf(ctx).run({ kind: 'import', options: { file: source.file, actor: user.name, now: ctx.now(), deskCode: desk.code, ...zoneOption(timeZone, desk.time_zone), dryRun: true } }, control);
    } catch (error) {
      // A file that cannot be read cannot be imported either: nothing is kept for it.
      if (!earlier) source.release();
      throw readable(error, source);
    }
    const kept = importChecks.keep(user.id, { ...source, timeZone }, ctx.now(), digest);
    return { ...kept, fileName: source.fileName, timeZone, report: importResult(report, source.fileName) };
  });
};

/** Adds the records of a file: the one a check read (`check`), or one chosen now (dialog or upload). */
export const importArchiveFile: Handler<'importArchive'> = async (req, ctx) => {
  const user = await requireLead(ctx);
  const files = filesOf(ctx);
  if (req.check && (req.upload || req.timeZone)) throw refuse('check_only');
  return oneAtATime(user.id, 'import', async (control) => {
    // A paper record sheet has no desk column: its rows are this desk's.
    const desk = await requireDesk(ctx.db);
    const source = req.check ? importChecks.take(req.check, user.id, ctx.now()) : await chosen(files, req.upload, zoneOf(req.timeZone ?? desk.time_zone));
    if (!source) return null;
    try {
      const report = await bulkOf(ctx).run({ kind: 'import', options: { file: source.file, actor: user.name, now: ctx.now(), deskCode: desk.code, ...zoneOption(source.timeZone, desk.time_zone) } }, control);
      return importResult(report, source.fileName);
    } catch (error) {
      throw readable(error, source);
    } finally {
      source.release();
    }
  });
};

const requireLead = (ctx: HandlerContext): Promise<UserRow> => requireRole(ctx.db, ctx.session, ['team_lead', 'admin']);

/** The file the person picks now: the desktop's open dialog, or browser mode's upload; null when cancelled. */
async function chosen(files: FileHost, upload: string | undefined, timeZone: string): Promise<CheckedFile | null> {
  const source = await files.importSource(upload);
  if (!source) return null;
  return { ...source, timeZone, uploaded: upload !== undefined, release: () => files.imported?.(source.file) };
}

function zoneOf(zone: string): string {
  if (!isValidTimeZone(zone)) throw refuse('not_a_time_zone', { zone }, 'timeZone');
  return canonicalTimeZone(zone);
}

/** The desk's own zone is left to the core to take, so that its report says the times are in the desk's zone, not a chosen one. */
const zoneOption = (zone: string, deskZone: string): { timeZone?: string } => (zone === canonicalTimeZone(deskZone) ? {} : { timeZone: zone });

/** The reader names the file by its path; browser mode's is a temporary name the person never saw. */
function readable(error: unknown, source: CheckedFile): unknown {
  if (!(error instanceof ArchiveFileError)) return error;
  const message = error.message.replaceAll(source.file, source.uploaded ? 'The uploaded file' : source.file);
  return new HotlineError('file_unreadable', message, undefined, undefined, error.code ? { code: error.code, params: error.params } : undefined);
}

/**
 * The screen's report: the core's counts as they are (so that a count the core adds reaches the
 * screen without a change here), the file as the person named it, the first problems and notes.
 */
function importResult(report: ImportReport, fileName: string): ImportResult {
  const { file: _file, errors, notes, inferred, ...counts } = report;
  return {
    ...counts,
    fileName,
    problems: errors.slice(0, MAX_IMPORT_PROBLEMS),
    problemCount: errors.length,
    notes: notes.slice(0, MAX_IMPORT_PROBLEMS),
    noteCount: notes.length,
    inferred: inferred.slice(0, MAX_IMPORT_PROBLEMS),
    inferredCount: inferred.length,
  };
}
