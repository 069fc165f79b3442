import { HotlineError } from '../../shared/api/result';
import { countRecords } from '../archive/pages';
import { exportTeam } from '../team/teamExport';
import { bulkOf, exportsOf, filesOf, onTeamServer, requireTeamScope, requireUser, type Handler, type HandlerContext } from './context';
import type { RequestOf } from '../../shared/api/contract';
import { refuse } from '../../shared/i18n/refusals';

/**
 * The archive from the Review screen: export what the list shows (its filter)
 * to .xlsx or .csv (the import is archiveImport.ts). The file work is
 * `electron/archive`'s, the same as `hotline export|import`.
 */

export const startExport: Handler<'startExport'> = async (req, ctx) => {
  const { format, lang, scope, ...filter } = req;
  if (filter.to < filter.from) throw refuse('range_reversed', {}, 'to');
  // Voided records are never exported: a sheet is the log of calls that happened, and importing it
  // again would bring a mistaken record back as a real one. Review shows them, read-only.
  if (filter.state === 'voided') throw new HotlineError('voided_not_exported', 'Voided records are not exported.', 'state');
  if (scope === 'team') return startTeamExport(req, ctx);
  const user = await requireUser(ctx.db, ctx.session);
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

/**
 * The team's records of the filter, as `hotline export --team` writes them (team/teamExport.ts: copied from
 * the server into a private staging file, then the desk's own export), through the same job, progress
 * and cancel as the desk's export. It runs on this thread, not the bulk worker: the worker holds no
 * lead's login, and the staging copy and its export are files of their own, never this desk's database.
 */
async function startTeamExport(req: RequestOf<'startExport'>, ctx: HandlerContext) {
  const { team, user } = await requireTeamScope(ctx, 'scope');
  const { format, lang, scope: _scope, ...filter } = req;
  const now = ctx.now();
  const { total } = await onTeamServer(() => team.review(filter, { sort: 'callAt', dir: 'asc', limit: 1, offset: 0 }, now), 'scope');
  if (total === 0) throw new HotlineError('nothing_to_export', 'The list is empty: there is nothing to export. Change the dates or the filters.');
  const target = await filesOf(ctx).exportTarget(`hotline-team-${suggestedName(filter.from, filter.to, format).slice('hotline-'.length)}`);
  if (!target) return null;
  return exportsOf(ctx).start(user.id, target, ({ signal, progress }) =>
    exportTeam(team, { db: ctx.db }, { filter, format, lang: lang ?? 'zh', file: target.file, now, signal, onProgress: progress, ...(filter.deskCode ? { desks: [filter.deskCode] } : {}) }),
  );
}

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
