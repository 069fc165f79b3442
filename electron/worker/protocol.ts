import type { ExportOptions, ExportResult, ImportOptions, ImportReport } from '../archive/types';
import type { FolderBackup, FolderBackupOptions } from '../durability/backup';
import type { RejudgeJob } from '../records/rejudge';

/**
 * The bulk worker's messages. Everything crosses as structured-clone data: a
 * job names what to do with plain options, and the worker answers with
 * progress, a value or a failure; functions (progress callbacks, abort
 * signals) stay on the asking side and are re-made on the worker's.
 */

/** Bulk work that must never run on the request path: the worker does it on its own connection. */
export type BulkJob =
  /** One automatic backup into the backup folder, rotated (durability/backup.ts). */
  | { kind: 'backup'; options: Omit<FolderBackupOptions, 'dbFile' | 'nativeBinding' | 'calendar'> }
  /** An export to a file (archive/export.ts); progress and cancel. */
  | { kind: 'export'; options: Omit<ExportOptions, 'onProgress' | 'signal'> }
  /** An import, or its dry run (archive/import.ts); progress and cancel. */
  | { kind: 'import'; options: Omit<ImportOptions, 'onProgress' | 'signal'> }
  /** Removes the staged rows of imports that never published (a killed process's), unless one is running (archive/importStaging.ts). */
  | { kind: 'sweepImports' }
  /** A back-dated policy version's re-judge, chunk by chunk (records/rejudge.ts); progress. */
  | { kind: 'rejudge'; job: RejudgeJob }
  /**
   * Keeps the desk in step with the team server until cancelled (team/sync.ts): compare, lease, push.
   * Each round that moved the link's status is a progress message (records pushed so far, 0); new
   * entries from the team inbox, for the main thread to apply, are one with total 1.
   * The URL (with its password) crosses only this thread boundary, never a log.
   */
  | { kind: 'teamSync'; url: string; appVersion: string };

export interface BulkValues {
  backup: FolderBackup;
  export: ExportResult;
  import: ImportReport;
  rejudge: { records: number; verdictsChanged: number };
  /** Batches removed; null when another process was importing into the database (its batch is not a leftover). */
  sweepImports: { removed: number | null };
  /** Ends only when cancelled (the app closing, the desk leaving the team). */
  teamSync: { pushed: number };
}

export type BulkValue<J extends BulkJob> = BulkValues[J['kind']];

export type ToWorker = { type: 'run'; id: number; job: BulkJob } | { type: 'cancel'; id: number };

export type FromWorker =
  | { type: 'progress'; id: number; done: number; total: number }
  | { type: 'done'; id: number; value: BulkValues[BulkJob['kind']] }
  | { type: 'failed'; id: number; error: SentError };

/** An error as data: its class name, message and the fields the asking side reads (SQLite's and the file system's code, an import's reason). */
export interface SentError {
  name: string;
  message: string;
  code?: string | null;
  params?: Record<string, string | number>;
}

/** What the worker is started with (workerData). */
export interface WorkerStart {
  file: string;
  nativeBinding?: string;
  /** The main thread's count of requests being answered (store/requestGate.ts). */
  requestGate?: SharedArrayBuffer;
}
