import { HotlineError } from '../../shared/api/result';
import { countRecords } from '../archive/pages';
import { bulkOf, exportsOf, filesOf, requireUser, type Handler } from './context';
import { refuse } from '../../shared/i18n/refusals';

/**
 * The archive from the Review screen: export what the list shows (its filter)
 * to .xlsx or .csv (the import is archiveImport.ts). The file work is
 * `electron/archive`'s, the same as `hotline export|import`.
 */

export const startExport: Handler<'startExport'> = async (req, ctx) => {
  const user = await requireUser(ctx.db, ctx.session);
  const { format, lang, ...filter } = req;
  if (filter.to < filter.from) throw refuse('range_reversed', {}, 'to');
  // Voided records are never exported: a sheet is the log of calls that happened, and importing it
  // again would bring a mistaken record back as a real one. Review shows them, read-only.
  if (filter.state === 'voided') throw new HotlineError('voided_not_exported', 'Voided records are not exported.', 'state');
  const now = ctx.now();
  // An empty file would look like an archive with nothing in it; say so before any dialog opens.
  if ((await countRecords(ctx.db, filter, now)) === 0) throw new HotlineError('nothing_to_export', 'The list is empty: there is nothing to export. Change the dates or the filters.');
  const target = await filesOf(ctx).exportTarget(suggestedName(filter.from, filter.to, format));
  if (!target) return null;
  // In the bulk worker: a year's export reads for seconds, and the desk must keep answering clicks meanwhile.
  return exportsOf(ctx).start(user.id, target, ({ signal, progress }) =>
    bulkOf(ctx).run({ kind: 'export', options: { filter, format, lang: lang ?? 'zh', file: target.file, now } }, { signal, onProgress: progress }),
  );
};

export const exportStatus: Handler<'exportStatus'> = async (req, ctx) => {
  const user = await requireUser(ctx.db, ctx.session);
  return exportsOf(ctx).status(req.job, user.id);
};

export const cancelExport: Handler<'cancelExport'> = async (req, ctx) => {
  const user = await requireUser(ctx.db, ctx.session);
  return exportsOf(ctx).cancel(req.job, user.id);
};

/** e.g. hotline-2024-05-01_2024-05-31.xlsx, or hotline-2024-05-20.csv for one day. */
export function suggestedName(from: string, to: string, format: string): string {
  return `hotline-${from === to ? from : `${from}_${to}`}.${format}`;
}
