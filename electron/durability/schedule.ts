import type { Store } from '../store/openDb';
import { backupIntoFolder, type FolderBackup } from './backup';
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
}

export interface BackupSchedule {
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
  const { store, dir, report } = options;
  const now = options.now ?? Date.now;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const runOnce = () => {
    if (stopped) return;
    running = running.then(async () => {
      if (stopped) return;
      try {
        const backup = await backupIntoFolder(store.sqlite, {
          dbFile: store.file,
          dir,
          now: now(),
          ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
          ...(options.keepExisting ? { rotation: null } : options.rotation ? { rotation: options.rotation } : {}),
        });
        report({ ok: true, backup });
      } catch (error) {
        report({ ok: false, error: error instanceof Error ? error : new Error(String(error)) });
      }
    });
  };
  if (!options.keepExisting) runOnce();
  const timer = setInterval(runOnce, options.everyMs ?? BACKUP_EVERY_MS);
  timer.unref();
  return {
    idle: () => running,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
