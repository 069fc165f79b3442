import fs from 'node:fs';
import path from 'node:path';
import { MAX_LISTED_BACKUPS, type BackupFileView, type BackupsView } from '../../shared/api/backups';
import { HotlineError } from '../../shared/api/result';
import type { BackupControl } from '../durability/backupControl';
import { BackupFolderError } from '../durability/backupDir';
import { listBackups } from '../durability/backupFiles';
import { log } from '../log';
import { requireRole, type Handler, type HandlerContext } from './context';
import { refuse } from '../../shared/i18n/refusals';

/**
 * The admin's Backups card: where the automatic backups go (and why there),
 * another folder from now on, a backup now. The work is the running app's
 * BackupControl (durability/backupControl.ts); these only check the profile
 * and turn a refused folder into an error next to the field.
 */

export const getBackups: Handler<'getBackups'> = async (_req, ctx) => {
  await requireRole(ctx.db, ctx.session, ['admin']);
  return viewOf(controlOf(ctx));
};

export const setBackupDir: Handler<'setBackupDir'> = async (req, ctx) => {
  await requireRole(ctx.db, ctx.session, ['admin']);
  const control = controlOf(ctx);
  try {
    await control.choose(req.dir);
  } catch (error) {
    if (!(error instanceof BackupFolderError)) throw error;
    throw new HotlineError('backup_dir_unusable', error.message, 'backupDir', [error.detail ? `${error.kind}:${error.detail}` : error.kind]);
  }
  const { dir, source } = control.where();
  log.info(`Backups now go to ${dir} (${source === 'chosen' ? 'chosen by an admin' : 'the default folder'})`);
  return viewOf(control);
};

export const backupNow: Handler<'backupNow'> = async (_req, ctx) => {
  await requireRole(ctx.db, ctx.session, ['admin']);
  const control = controlOf(ctx);
  await control.backupNow();
  return viewOf(control);
};

function controlOf(ctx: HandlerContext): BackupControl {
  if (!ctx.backups) throw refuse('backups_unavailable');
  return ctx.backups;
}

/** The folder, why it, its newest backups of this database (never other files), and the last outcome. */
function viewOf(control: BackupControl): BackupsView {
  const { dir, source } = control.where();
  const backups: BackupFileView[] = [];
  for (const { name, at } of listBackups(dir, control.dbFile)) {
    if (backups.length === MAX_LISTED_BACKUPS) break;
    try {
      backups.push({ name, at, bytes: fs.statSync(path.join(dir, name)).size });
    } catch {
      // Rotated away (or removed by someone) between the listing and now.
    }
  }
  const lastOutcome = control.lastOutcome();
  return { dir, source, backups, ...(lastOutcome ? { lastOutcome } : {}) };
}
