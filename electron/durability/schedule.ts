import type { Store } from '../store/openDb';
import { backupIntoFolder, type FolderBackup, type FolderBackupOptions } from './backup';
import type { RawOptions } from './integrity';
import type { RotationPolicy } from './rotation';

/** Every few hours: a desk that runs all day gets several backups a day, of which the rotation keeps the newest per day. */
export const BACKUP_EVERY_MS = 4 * 60 * 60 * 1000;

export type BackupOutcome = { ok: true; backup: FolderBackup } | { ok: false; error: Error };

export interface ScheduleOptions extends RawOptions {
  store: Store;
  dir: string;
  everyMs?: number;
  now?: () => number;
  rotation?: RotationPolicy;
  /**
   * After a damaged database was set aside, the new one is empty: backing it up
   * at once and rotating would push out the very backups a person may still
   * want to restore (the rotation keeps one per day). Then the first backup
   * waits for the timer and nothing is rotated away during this run.
   */
  keepExisting?: boolean;
  /** Told after each backup; the desktop app logs it, browser mode prints it. */
  report: (outcome: BackupOutcome) => void;
  /**
   * Where the copy is made: the bulk worker, on its own connection, so that the
   * copy's steps never run on the thread that answers clicks. Absent: here.
   */
  runner?: BackupWorker;
}

/**
 * Where a backup can run: the bulk worker's runner (worker/bulkRunner.ts) is one.
 * Named here by what it is asked, because the worker imports durability and not
 * the other way round.
 */
export interface BackupWorker {
  run(job: { kind: 'backup'; options: Omit<FolderBackupOptions, 'dbFile' | 'nativeBinding' | 'calendar'> }): Promise<FolderBackup>;
}

export interface BackupSchedule {
  /** The folder the next backup goes to. */
  readonly dir: string;
  /**
   * From now on, backups go to `dir` (the admin chose another folder). A
   * backup already running finishes where it started; nothing in the old
   * folder is moved or deleted.
   */
  setDir(dir: string): void;
  /** One backup now (after the one running, if any), rotated as usual; resolves with its outcome, also reported. */
  runNow(): Promise<BackupOutcome>;
  /** Resolves when no backup is running. */
  idle(): Promise<void>;
  /** No more backups; resolves once the one running (if any) has finished, so the store can be closed. */
  stop(): Promise<void>;
}

/**
 * A backup at once (at start) and then every `everyMs`, one at a time, into
 * `dir`, rotated. A failure is reported and the next run tries again; the
 * timer never keeps the process alive on its own.
 */
export function scheduleBackups(options: ScheduleOptions): BackupSchedule {
  const { store, report } = options;
  const now = options.now ?? Date.now;
  let dir = options.dir;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const backupOnce = async (): Promise<BackupOutcome> => {
    let outcome: BackupOutcome;
    try {
      const job = { dir, now: now(), ...(options.keepExisting ? { rotation: null } : options.rotation ? { rotation: options.rotation } : {}) };
      const backup = options.runner
        ? await options.runner.run({ kind: 'backup', options: job })
        : await backupIntoFolder(store.sqlite, { ...job, dbFile: store.file, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
      outcome = { ok: true, backup };
    } catch (error) {
      outcome = { ok: false, error: error instanceof Error ? error : new Error(String(error)) };
    }
    report(outcome);
    return outcome;
  };
  const queue = (): Promise<BackupOutcome | null> => {
    const next = running.then(() => (stopped ? null : backupOnce()));
    // A report that throws must not stop the backups after it.
    running = next.then(
      () => undefined,
      () => undefined,
    );
    return next;
  };
  const runOnce = () => void (stopped ? undefined : queue());
  if (!options.keepExisting) runOnce();
  const timer = setInterval(runOnce, options.everyMs ?? BACKUP_EVERY_MS);
  timer.unref();
  return {
    get dir() {
      return dir;
    },
    setDir: (next) => {
      dir = next;
    },
    runNow: async () => (await queue()) ?? { ok: false, error: new Error('Backups have stopped: the app is closing.') },
    idle: () => running,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
