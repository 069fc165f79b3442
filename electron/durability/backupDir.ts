import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { BackupDirSource } from '../../shared/api/backups';
import { ensurePrivateFolder, sideFilesOf } from './files';
import { readSettings, settingsFileOf, updateSettings } from './settings';

/**
 * Where the automatic backups go, and the admin's choice of folder. The choice
 * lives in the settings file beside the database (settings.ts), never in the
 * database: when the database is damaged the app must still find its backups
 * to offer a restore.
 */

/** The folder in use and why that one. */
export interface BackupDirChoice {
  dir: string;
  source: BackupDirSource;
}

export { settingsFileOf };

/** The `backups` folder beside the database: backups of two databases never rotate each other away. */
export const besideDatabase = (dbFile: string): string => path.join(path.dirname(path.resolve(dbFile)), 'backups');

/** The folder the admin chose, or undefined: a missing, unreadable or odd settings file means "the default". */
export function readChosenBackupDir(dbFile: string): string | undefined {
  const settings = readSettings(dbFile);
  const dir = settings.backupDir;
  return typeof dir === 'string' && isFullPath(dir) ? path.resolve(dir) : undefined;
}

/**
 * Keeps the admin's choice (null: back to the default) in the settings file,
 * written atomically with mode 0600; the file's other settings are kept.
 */
export function writeChosenBackupDir(dbFile: string, dir: string | null): void {
  // The admin's own choice: written even over a settings file that cannot be read.
  updateSettings(dbFile, { backupDir: dir ?? undefined }, 'replace');
}

/**
 * The folder for `dbFile`'s automatic backups: an explicit `--backup-dir`,
 * else HOTLINE_BACKUP_DIR, else the admin's choice (the settings file), else
 * `backups` beside the database.
 * @example resolveBackupDir('/data/hotline.db', { env: {} }) → { dir: '/data/backups', source: 'default' }
 */
export function resolveBackupDir(dbFile: string, options: { flag?: string | undefined; env?: NodeJS.ProcessEnv } = {}): BackupDirChoice {
  const env = options.env ?? process.env;
  if (options.flag) return { dir: path.resolve(options.flag), source: 'flag' };
  if (env.HOTLINE_BACKUP_DIR) return { dir: path.resolve(env.HOTLINE_BACKUP_DIR), source: 'env' };
  const chosen = readChosenBackupDir(dbFile);
  if (chosen) return { dir: chosen, source: 'chosen' };
  return { dir: besideDatabase(dbFile), source: 'default' };
}

/** Why a folder cannot hold the backups. `kind` lets the page say it in the reader's language. */
export type BackupFolderProblem =
  | 'empty'
  | 'relative'
  | 'databaseFolder'
  | 'databaseFile'
  | 'notFolder'
  | 'cannotCreate'
  | 'notWritable'
  | 'fixedByFlag'
  | 'fixedByEnv'
  | 'notSaved';

export class BackupFolderError extends Error {
  constructor(
    readonly kind: BackupFolderProblem,
    message: string,
    /** The system's error code, when the system refused (EACCES, EROFS, ENOSPC…). */
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'BackupFolderError';
  }
}

/** A full path on this system; on Windows with its drive or share (a bare \folder depends on the current drive). */
function isFullPath(dir: string): boolean {
  if (process.platform === 'win32') return /^([a-zA-Z]:[\\/]|\\\\)/.test(dir);
  return path.isAbsolute(dir);
}

const codeOf = (error: unknown): string => String((error as { code?: unknown }).code ?? 'unknown error');

/**
 * Checks a folder typed by the admin and makes it ready: a full path, not the
 * database's own folder or one of its files, created if missing (0700) and
 * writable (a probe file is written and removed). Returns its full path.
 */
export function prepareBackupFolder(typed: string, dbFile: string): string {
  if (typed.trim() === '') throw new BackupFolderError('empty', 'Type the full path of a folder.');
  if (!isFullPath(typed)) {
    throw new BackupFolderError('relative', `"${typed}" is not a full path; type the whole path of the folder, e.g. ${process.platform === 'win32' ? 'D:\\Backups\\Hotline' : '/mnt/backup/hotline'} (~ is not expanded).`);
  }
  const dir = path.resolve(typed);
  const db = path.resolve(dbFile);
  // Backups among the live database's files would be one stray copy away from mixing them up.
  if (samePath(dir, path.dirname(db))) {
    throw new BackupFolderError('databaseFolder', 'That is the database’s own folder; choose another folder (the default is "backups" inside it).');
  }
  // A folder named like the database's -wal or -journal would stop SQLite from writing its log.
  const own = [db, ...Object.values(sideFilesOf(db)), `${db}-journal`, settingsFileOf(db)];
  if (own.some((f) => samePath(dir, f) || dir.startsWith(`${f}${path.sep}`))) {
    throw new BackupFolderError('databaseFile', 'That path belongs to the database’s own files; choose a folder.');
  }
  if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory()) throw new BackupFolderError('notFolder', `${dir} is a file, not a folder.`);
  try {
    ensurePrivateFolder(dir);
  } catch (error) {
    throw new BackupFolderError('cannotCreate', `${dir} could not be created (${codeOf(error)}).`, codeOf(error));
  }
  if (samePath(fs.realpathSync(dir), fs.realpathSync(path.dirname(db)))) {
    throw new BackupFolderError('databaseFolder', 'That is the database’s own folder; choose another folder (the default is "backups" inside it).');
  }
  const probe = path.join(dir, `.hotline-probe-${process.pid}-${crypto.randomBytes(4).toString('hex')}`);
  try {
    fs.writeFileSync(probe, 'hotline', { flag: 'wx', mode: 0o600 });
  } catch (error) {
    throw new BackupFolderError('notWritable', `${dir} cannot be written (${codeOf(error)}).`, codeOf(error));
  } finally {
    fs.rmSync(probe, { force: true });
  }
  return dir;
}

/** Windows and macOS compare paths without case by default. */
function samePath(a: string, b: string): boolean {
  return process.platform === 'linux' ? a === b : a.toLowerCase() === b.toLowerCase();
}
