import fs from 'node:fs';
import path from 'node:path';
import { fileStamp, parseFileStamp } from './files';

/**
 * Where the automatic backups of `dbFile` go when no admin chose a folder:
 * HOTLINE_BACKUP_DIR when set, else a `backups` folder beside the database —
 * for the desktop app's own file that is `<app data>/Hotline Log/backups/`.
 * Beside the database, not one shared folder, so that backups of two
 * different databases (a demo file, a second desk) never rotate each other
 * away or get offered for the wrong one. The app itself asks resolveBackupDir
 * (backupDir.ts), which adds `--backup-dir` and the admin's choice.
 */
export function defaultBackupDir(dbFile: string, env: NodeJS.ProcessEnv = process.env): string {
  if (env.HOTLINE_BACKUP_DIR) return path.resolve(env.HOTLINE_BACKUP_DIR);
  return path.join(path.dirname(path.resolve(dbFile)), 'backups');
}

function partsOf(dbFile: string): { base: string; ext: string } {
  const ext = path.extname(dbFile) || '.db';
  return { base: path.basename(dbFile, path.extname(dbFile)), ext };
}

/** The name of a backup of `dbFile` taken at `at`: hotline.db → hotline-2024-05-20T06-15-00-123Z.db. */
export function backupName(dbFile: string, at: number): string {
  const { base, ext } = partsOf(dbFile);
  return `${base}-${fileStamp(at)}${ext}`;
}

/** One automatic backup found in a folder. */
export interface BackupEntry {
  name: string;
  at: number;
}

/** When `name` is an automatic backup of `dbFile`, its moment; else null. Files anyone else put in the folder are never touched. */
export function backupMoment(dbFile: string, name: string): number | null {
  const { base, ext } = partsOf(dbFile);
  if (!name.startsWith(`${base}-`) || !name.endsWith(ext)) return null;
  return parseFileStamp(name.slice(base.length + 1, name.length - ext.length));
}

/** The automatic backups of `dbFile` in `dir`, newest first (none when the folder does not exist). */
export function listBackups(dir: string, dbFile: string): BackupEntry[] {
  if (!fs.existsSync(dir)) return [];
  const entries: BackupEntry[] = [];
  for (const name of fs.readdirSync(dir)) {
    const at = backupMoment(dbFile, name);
    if (at !== null) entries.push({ name, at });
  }
  return entries.sort((a, b) => b.at - a.at || b.name.localeCompare(a.name));
}

/** Half-written copies (`<backup>.partial-<pid>`) left by a process that stopped mid-backup; never a finished backup. */
export function leftoverPartials(dir: string, dbFile: string, pid: number = process.pid): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((name) => {
    const m = /^(.*)\.partial-(\d+)(-journal|-wal|-shm)?$/.exec(name);
    return m !== null && Number(m[2]) !== pid && backupMoment(dbFile, m[1]!) !== null;
  });
}
