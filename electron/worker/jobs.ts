import { exportArchive } from '../archive/export';
import { importArchive } from '../archive/import';
import { ImportLockedError, withImportLock } from '../archive/importLock';
import { removeUnpublishedImports } from '../archive/importStaging';
import { backupIntoFolder } from '../durability/backup';
import { rejudgeSpan } from '../records/rejudge';
import { syncWithTeam } from '../team/sync';
import type { Store } from '../store/openDb';
import type { BulkJob, BulkValue } from './protocol';

/** What a job needs of a store: its kysely instance, the raw connection (backups) and the file (the backups' names). */
export type JobStore = Pick<Store, 'db' | 'sqlite' | 'file'>;

export interface JobControl {
  signal: AbortSignal;
  progress(done: number, total: number): void;
}

/**
 * Runs one bulk job on `store`: the worker's own connection, or (tests and the
 * CLI, where no click waits) the process's. The same code either way, so a
 * job behaves alike in and out of the worker.
 */
export async function runJob<J extends BulkJob>(store: JobStore, job: J, control: JobControl, nativeBinding?: string): Promise<BulkValue<J>> {
  const binding = nativeBinding ? { nativeBinding } : {};
  switch (job.kind) {
    case 'backup':
      return (await backupIntoFolder(store.sqlite, { ...job.options, dbFile: store.file, ...binding })) as BulkValue<J>;
    case 'export':
      return (await exportArchive(store.db, { ...job.options, signal: control.signal, onProgress: control.progress })) as BulkValue<J>;
    case 'import':
      // An import waits for the start-up sweep: both take the import lock, and this is one process.
      await sweeping;
      return (await importArchive(store.db, { ...job.options, signal: control.signal, onProgress: control.progress })) as BulkValue<J>;
    case 'sweepImports': {
      const swept = sweepImports(store);
      sweeping = swept.catch(() => undefined);
      return (await swept) as BulkValue<J>;
    }
    case 'rejudge':
      return (await rejudgeSpan(store.db, job.job, ({ done, total }) => control.progress(done, total))) as BulkValue<J>;
    case 'teamSync': {
      let pushed = 0;
      let last = '';
      await syncWithTeam(store, {
        url: job.url,
        appVersion: job.appVersion,
        signal: control.signal,
        onOutcome: (outcome) => {
          if (outcome.kind === 'pushed') pushed += outcome.records;
          // Only a change of state is news: an idle desk's rounds say nothing.
          const state = outcome.kind === 'idle' || outcome.kind === 'notReady' ? last : `${outcome.kind}:${pushed}`;
          if (state !== last) control.progress(pushed, 0);
          last = state;
        },
        // Entries a lead sent: the main thread applies them on the request path (total 1 says so).
        onInboxEntries: () => control.progress(pushed, 1),
      });
      return { pushed } as BulkValue<J>;
    }
  }
}

/** The sweep running, if any: imports in this process wait for it. */
let sweeping: Promise<unknown> = Promise.resolve();

/**
 * At start: the staged rows of an import whose process was killed are removed,
 * under the import lock; when another process holds the lock its import is
 * still running, and its batch is left to it.
 */
async function sweepImports(store: JobStore): Promise<{ removed: number | null }> {
  const sweep = async () => ({ removed: await removeUnpublishedImports(store.sqlite) });
  if (store.file === ':memory:' || store.file === '') return sweep();
  try {
    return await withImportLock(store.file, sweep);
  } catch (error) {
    if (error instanceof ImportLockedError) return { removed: null };
    throw error;
  }
}
