/**
 * The automatic backups as the admin's Backups card sees them: the folder in
 * use and why that one, the newest backups in it, and how the last one went.
 */

/**
 * Why this folder: `flag` (`hotline serve --backup-dir`) and `env`
 * (HOTLINE_BACKUP_DIR) fix it for the run; `chosen` is the admin's choice,
 * kept in the settings file beside the database; `default` is the `backups`
 * folder beside the database.
 */
export type BackupDirSource = 'chosen' | 'default' | 'flag' | 'env';

export interface BackupFileView {
  name: string;
  /** When it was taken (epoch ms, from its name). */
  at: number;
  bytes: number;
}

export interface BackupOutcomeView {
  at: number;
  ok: boolean;
  /** ok: the backup file written; failed: why (the system's own words, in English). */
  message: string;
}

export interface BackupsView {
  dir: string;
  source: BackupDirSource;
  /** The newest MAX_LISTED_BACKUPS backups of this database in `dir`, newest first. */
  backups: BackupFileView[];
  /** How the last backup of this run went; absent before the first one finished. */
  lastOutcome?: BackupOutcomeView;
}

/** The rotation keeps about ten; twenty shows all of them and any kept from before. */
export const MAX_LISTED_BACKUPS = 20;

/** Long enough for any real path (Linux allows 4,096 bytes). */
export const MAX_PATH_LENGTH = 4096;
