import type { BackupOutcomeView } from '../../shared/api/backups';
import type { Store } from '../store/openDb';
import { besideDatabase, BackupFolderError, prepareBackupFolder, writeChosenBackupDir, type BackupDirChoice } from './backupDir';
import type { RawOptions } from './integrity';
import type { RotationPolicy } from './rotation';
import { scheduleBackups, type BackupOutcome, type BackupSchedule, type BackupWorker } from './schedule';

/**
 * What the admin's Backups card reaches in the running app: the folder in use,
 * the last outcome, a new folder (switched at once, with a backup there), a
 * backup now. The desktop app and browser mode each hold one; the handlers
 * get it through their context.
 */
export interface BackupControl {
  /** The database whose backups these are. */
  readonly dbFile: string;
  /** The folder backups go to now, and why that one. */
  where(): BackupDirChoice;
  lastOutcome(): BackupOutcomeView | undefined;
  /**
   * Backups go to `typed` from now on (null: back to the default folder beside
   * the database): the folder is checked, the choice kept in the settings file
   * for the next start, and a backup made there at once. The old folder's
   * backups are never moved or deleted. Throws BackupFolderError.
   */
  choose(typed: string | null): Promise<BackupOutcome>;
  backupNow(): Promise<BackupOutcome>;
}

export interface BackupRunnerOptions extends RawOptions {
  store: Store;
  /** Where start-up found the backups go (resolveBackupDir). */
  where: BackupDirChoice;
  /** After a damaged database was set aside: no backup at start, nothing rotated (see ScheduleOptions). */
  keepExisting?: boolean;
  report: (outcome: BackupOutcome) => void;
  now?: () => number;
  everyMs?: number;
  rotation?: RotationPolicy;
  /** The bulk worker the copies are made in (see ScheduleOptions.runner). */
  runner?: BackupWorker;
}

/**
 * The automatic backups of one running app: `start()` begins the schedule (a
 * backup at once, then every few hours); `stop()` waits for a running backup
 * so the store can be closed. Built before the server or window that serves
 * requests, started once they are up.
 */
export class BackupRunner implements BackupControl {
  readonly dbFile: string;
  private source: BackupDirChoice['source'];
  private schedule: BackupSchedule | null = null;
  private last: BackupOutcomeView | undefined;
  private readonly now: () => number;

  constructor(private readonly options: BackupRunnerOptions) {
    this.dbFile = options.store.file;
    this.source = options.where.source;
    this.now = options.now ?? Date.now;
  }

  start(): this {
    if (this.schedule) return this;
    const { store, keepExisting, nativeBinding, everyMs, rotation, runner } = this.options;
    this.schedule = scheduleBackups({
      store,
      dir: this.options.where.dir,
      now: this.now,
      report: (outcome) => this.noteOutcome(outcome),
      ...(keepExisting ? { keepExisting } : {}),
      ...(nativeBinding ? { nativeBinding } : {}),
      ...(everyMs ? { everyMs } : {}),
      ...(rotation ? { rotation } : {}),
      ...(runner ? { runner } : {}),
    });
    return this;
  }

  async stop(): Promise<void> {
    await this.schedule?.stop();
  }

  /** Resolves when no backup is running (tests). */
  idle(): Promise<void> {
    return this.schedule?.idle() ?? Promise.resolve();
  }

  where(): BackupDirChoice {
    return { dir: this.schedule?.dir ?? this.options.where.dir, source: this.source };
  }

  lastOutcome(): BackupOutcomeView | undefined {
    return this.last;
  }

  async choose(typed: string | null): Promise<BackupOutcome> {
    const schedule = this.running();
    const { dir: current, source } = this.where();
    if (source === 'flag') {
      throw new BackupFolderError('fixedByFlag', `The backup folder is fixed for this run by --backup-dir (${current}); start hotline serve without --backup-dir to choose it here.`);
    }
    if (source === 'env') {
      throw new BackupFolderError('fixedByEnv', `The backup folder is fixed by the HOTLINE_BACKUP_DIR setting (${current}); remove that setting and restart to choose it here.`);
    }
    const dir = typed === null ? besideDatabase(this.dbFile) : prepareBackupFolder(typed.trim(), this.dbFile);
    try {
      writeChosenBackupDir(this.dbFile, typed === null ? null : dir);
    } catch (error) {
      const code = String((error as { code?: unknown }).code ?? 'unknown error');
      throw new BackupFolderError('notSaved', `The choice could not be saved beside the database (${code}); backups still go to ${current}.`, code);
    }
    this.source = typed === null ? 'default' : 'chosen';
    schedule.setDir(dir);
    return schedule.runNow();
  }

  backupNow(): Promise<BackupOutcome> {
    return this.running().runNow();
  }

  private running(): BackupSchedule {
    if (!this.schedule) throw new Error('The backups have not started yet.');
    return this.schedule;
  }

  private noteOutcome(outcome: BackupOutcome): void {
    this.last = { at: this.now(), ok: outcome.ok, message: outcome.ok ? outcome.backup.file : outcome.error.message };
    this.options.report(outcome);
  }
}
