import type { BackupDirChoice } from '../durability/backupDir';
import { BackupRunner } from '../durability/backupControl';
import { detectNetworkShare, type NetworkShare } from '../durability/networkShare';
import { openStoreSafely, type MovedAside, type SafeOpen } from '../durability/openSafely';
import type { BackupOutcome } from '../durability/schedule';
import { backfillDerivedColumns } from '../records/startup';
import { serveRequestsFrom, type OpenOptions, type Store } from '../store/openDb';
import { WorkerRunner, type BulkRunner } from '../worker/bulkRunner';
import { sweepImportsAtStart } from '../worker/sweepAtStart';
import { findTeamLink, updateTeamLink } from '../store/outbox';
import { teamStatusOf } from '../team/status';
import { applyInbox, type InboxApply } from '../team/inbox';
import type { TeamStatus } from '../../shared/api/team';

/** What a shell decided about what opening found, before anything is served. */
export interface Settled {
  store: Store;
  /** A backup was put in place of the damaged database. */
  restored: boolean;
}

export interface StartUpOptions extends OpenOptions {
  file: string;
  /** Where the automatic backups go (resolveBackupDir, with the shell's own flag if any). */
  where: BackupDirChoice;
  /** The bulk worker's bundle (dist/electron/worker.cjs; outside app.asar when packaged). */
  workerFile: string;
  /**
   * The shell's say on what opening found, before the store is backfilled and
   * served, and before the worker can fail to start: the desktop app offers the
   * newest good backup in a dialog, browser mode logs how to restore by hand.
   * Default: keep the store as opened.
   */
  settle?: (opened: SafeOpen, share: NetworkShare | null) => Promise<Settled>;
  /** Where the backups' outcomes go (a log line in both shells). */
  report: (outcome: BackupOutcome) => void;
  now?: () => number;
  /** Tests: the bulk runner instead of a worker thread. */
  runnerFor?: (store: Store) => BulkRunner;
  detectShare?: (file: string) => NetworkShare | null;
  /**
   * The team server link (issue 14): its URL if one is kept (null: none, or it
   * cannot be read here), the app's version, and where the link's status goes
   * each time it moves. Without it, or with the desk not linked, nothing syncs.
   */
  team?: { url: string | null; appVersion: string; onStatus: (status: TeamStatus) => void; applierFor: (store: Store) => InboxApply; instance?: () => string };
}

/** What start-up found and started; nothing of it has been shown to anyone yet. */
export interface StartedUp {
  store: Store;
  bulk: BulkRunner;
  /** Built, not started: each shell starts it once it serves (a taken port should not cost a backup first). */
  backups: BackupRunner;
  /** Where the backups go, as opening looked for one to restore. */
  backupDir: string;
  /** The unusable database that was kept under another name, and a fresh one made (absent when the file was fine). */
  movedAside?: MovedAside;
  /** When something was moved aside: the newest backup that passed its check. */
  newestBackup?: string;
  restored: boolean;
  /** The database is on a network share (warned of, not refused). */
  networkShare: NetworkShare | null;
  /** Records that had what later versions store filled in. */
  backfilled: number;
  /** The desk is linked and syncing with the team server in the worker; stop() ends it (the app closing). */
  teamSync: { stop(): void } | null;
  /** The desk is linked, but no URL could be read to sync with (join again). */
  teamUrlMissing: boolean;
}

/**
 * The one start-up of the desktop app and browser mode: open safely (a damaged
 * file moved aside, never overwritten), the shell's choice about it, backfill
 * of derived columns, requests served from the store, the bulk worker (which
 * sweeps half-done imports), and the backup schedule. It returns what it found
 * and shows nothing: dialogs are the desktop's, log lines browser mode's.
 */
export async function startUp(options: StartUpOptions): Promise<StartedUp> {
  const { file, where, workerFile, settle, report, now = Date.now, runnerFor, detectShare = detectNetworkShare, ...open } = options;
  const opened = await openStoreSafely(file, { ...open, backupDir: where.dir, now });
  const networkShare = detectShare(opened.store.file);
  const { store, restored } = settle ? await settle(opened, networkShare) : { store: opened.store, restored: false };
  const backfilled = await backfillDerivedColumns(store.db, now());
  serveRequestsFrom(store);
  const bulk = runnerFor ? runnerFor(store) : new WorkerRunner(workerFile, { file: store.file, ...(open.nativeBinding ? { nativeBinding: open.nativeBinding } : {}) });
  sweepImportsAtStart(bulk);
  // A fresh database after a damaged one: its backups must not rotate away the older, good ones.
  const keepExisting = opened.movedAside !== undefined && !restored;
  const backups = new BackupRunner({ store, where, keepExisting, ...open, report, now, runner: bulk });
  const link = options.team ? await findTeamLink(store.db) : undefined;
  const linked = link !== undefined;
  // The lease is this computer's: a database restored here from elsewhere takes this computer's id.
  const instance = link && options.team?.instance ? machineOf(options.team.instance) : null;
  if (link && instance && link.instance !== instance) await updateTeamLink(store.db, { instance });
  const teamSync = linked && options.team?.url ? startTeamSync(store, bulk, { ...options.team, url: options.team.url }) : null;
  return {
    store,
    bulk,
    backups,
    backupDir: opened.backupDir,
    ...(opened.movedAside ? { movedAside: opened.movedAside } : {}),
    ...(opened.newestBackup ? { newestBackup: opened.newestBackup } : {}),
    restored,
    networkShare,
    backfilled,
    teamSync,
    teamUrlMissing: linked && !options.team?.url,
  };
}

/** This computer's lease id, or null when it cannot be kept (an unreadable settings file): the database's own then serves. */
function machineOf(instance: () => string): string | null {
  try {
    return instance();
  } catch {
    return null;
  }
}

/**
 * Runs the team sync job in the bulk worker until stopped; each time the link
 * moves, reads the status on the app's own connection and hands it on. A job
 * that ends by itself (the worker restarted) is started again after a pause.
 */
function startTeamSync(store: Store, bulk: BulkRunner, team: { url: string; appVersion: string; onStatus: (status: TeamStatus) => void; applierFor: (store: Store) => InboxApply }): { stop(): void } {
  const applier = team.applierFor(store);
  const stop = new AbortController();
  // One applier at a time: entries apply in order, each once.
  let applying: Promise<unknown> = Promise.resolve();
  const apply = () => (applying = applying.then(() => applyInbox(store.db, applier)).catch(() => undefined));
  const tell = () => {
    void apply().then(() => teamStatusOf(store.db).then(team.onStatus, () => undefined));
  };
  const run = (): void => {
    if (stop.signal.aborted) return;
    bulk.run({ kind: 'teamSync', url: team.url, appVersion: team.appVersion }, { signal: stop.signal, onProgress: tell }).then(
      () => undefined,
      () => {
        tell();
        if (!stop.signal.aborted) setTimeout(run, 5_000).unref();
      },
    );
  };
  // Entries kept by an earlier run but not applied (the app closed first).
  tell();
  run();
  return { stop: () => stop.abort() };
}
