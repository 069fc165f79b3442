import path from 'node:path';
import { app, BrowserWindow, dialog, Notification } from 'electron';
import type { Lang } from '../../shared/i18n';
import { startupText } from '../../shared/i18n/startup';
import { resolveBackupDir } from '../durability/backupDir';
import { readUiLang, writeUiLang } from '../durability/settings';
import type { BackupOutcome } from '../durability/schedule';
import { backupOutcomeLine, startupLang } from '../durability/startupReport';
import { log } from '../log';
import type { OpenOptions } from '../store/openDb';
import { startUp, type StartedUp } from '../startup/startUp';
import { defaultDbPath } from '../store/paths';
import { dialogFilesFor } from './dialogFiles';
import { registerIpc } from './ipc';
import { ExportJobs } from '../records/exportJobs';
import { reportPrinterFor } from './reportPdf';
import { lockDownWebContents } from './security';
import { reportStartup } from './startupDialogs';
import { createDeskWindow, rendererIndex } from './window';
import { randomUUID } from 'node:crypto';
import { machineInstance } from '../durability/teamUrl';
import { readKeptTeamUrl } from './teamSecret';
import { inboxApplier } from '../handlers/teamInbox';
import { openTeamScope } from '../team/scope';
import { eventHub, EVERY_PROFILE } from '../records/eventHub';
import { APP_VERSION } from '../../shared/appVersion';
import { startDeskTelephony } from './deskTelephony';

/**
 * The desktop app's main process: owns the SQLite store and serves the
 * contract over IPC. Kept thin: everything it serves lives in handlers/.
 */
const distDir = path.join(__dirname, '..');

/**
 * better-sqlite3 is a native module and Electron's ABI differs from Node's: the
 * Electron build is kept apart from the checkout's Node build (see
 * scripts/electron-native.mjs) and handed to better-sqlite3 explicitly.
 */
function nativeBinding(): string | undefined {
  if (app.isPackaged) return path.join(process.resourcesPath, 'native', 'better_sqlite3.node');
  return process.env.HOTLINE_NATIVE_BINDING;
}

/**
 * The bulk worker's bundle. A worker thread is started from a file path, and
 * Node's loader in a worker does not read inside app.asar: electron-builder.yml
 * unpacks the bundle, and it is started from app.asar.unpacked.
 */
function workerFile(): string {
  return path.join(__dirname, 'worker.cjs').replace(`${path.sep}app.asar${path.sep}`, `${path.sep}app.asar.unpacked${path.sep}`);
}

/** Near and breached targets reach the agent even when the window is behind another. */
function showNotification(title: string, body: string): boolean {
  if (!Notification.isSupported()) return false;
  new Notification({ title, body, silent: false }).show();
  return true;
}

async function start(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  lockDownWebContents();
  await app.whenReady();
  const binding = nativeBinding();
  const options: OpenOptions = binding ? { nativeBinding: binding } : {};
  // HOTLINE_BACKUP_DIR, else the folder the admin chose on the Team screen, else beside the database.
  const where = resolveBackupDir(defaultDbPath());
  // The desk's last UI language, kept beside the database: it holds even when the database cannot be read.
  const lang = startupLang(defaultDbPath(), app.getLocale());
  let started: StartedUp;
  try {
    started = await startUp({
      file: defaultDbPath(),
      where,
      workerFile: workerFile(),
      ...options,
      // This shell's way of saying it: a dialog offers the newest good backup, another warns of a network share.
      settle: (opened, share) => reportStartup(opened, options, lang, () => share),
      report: (outcome: BackupOutcome) => (outcome.ok ? log.info : log.error)(backupOutcomeLine(outcome)),
      // A linked desk syncs with the team server in the worker; its status goes to every window.
      team: {
        url: readKeptTeamUrl(defaultDbPath(), 'desk'),
        instance: () => machineInstance(defaultDbPath(), randomUUID),
        appVersion: APP_VERSION,
        onStatus: (status) => eventHub.emit('teamStatus', status, EVERY_PROFILE),
        // A lead's change from the team inbox goes through the same handlers as a click.
        applierFor: (store) => inboxApplier({ db: store.db, now: () => Date.now(), notify: showNotification }),
      },
    });
  } catch (error) {
    dialog.showErrorBox(startupText(lang, 'cannotOpenTitle'), error instanceof Error ? error.message : String(error));
    app.exit(1);
    return;
  }
  const { store, bulk } = started;
  if (started.teamUrlMissing) log.warn('team server: this desk is linked but its URL could not be read; run `hotline team join` again');
  const backups = started.backups.start();
  // The telephony inputs stop before the store closes: an event being applied finishes first.
  let stopTelephony = async (): Promise<void> => undefined;
  app.on('will-quit', () => {
    started.teamSync?.stop();
    void stopTelephony()
      .then(() => backups.stop())
      .then(() => bulk.close())
      .then(() => store.close());
  });
  const settings = { rememberLang: (next: Lang) => writeUiLang(store.file, next) };
  // A lead's or admin's URL kept on this desk: its screens may read team scope.
  const scopeUrl = readKeptTeamUrl(store.file, 'scope');
  const team = scopeUrl ? openTeamScope(scopeUrl) : undefined;
  // The team board follows the desks' pushes (LISTEN/NOTIFY), carried to the windows by the event channel.
  team?.follow((notice) => eventHub.emit('teamBoard', notice ?? { desk: '', seq: 0 }, EVERY_PROFILE));
  app.on('will-quit', () => void team?.close());
  // The phone system's events (the Telephony card, or HOTLINE_AMI_URL / HOTLINE_CTI): a record opens for whoever signed in last.
  // Until the windows' sessions exist (registerIpc, which needs the telephony in its context), nobody is at the desk.
  const sessions = { atDesk: (): number | null => null };
  const telephony = await startDeskTelephony({ file: store.file, db: store.db, atDesk: () => sessions.atDesk() });
  stopTelephony = () => telephony.stop();
  const ipc = registerIpc(
    { db: store.db, now: () => Date.now(), notify: showNotification, backups, bulk, settings, exports: new ExportJobs(), telephony, ...(team ? { team } : {}) },
    rendererIndex(distDir),
    dialogFilesFor,
    reportPrinterFor,
  );
  sessions.atDesk = ipc.atDesk;
  let win = createDeskWindow(distDir, readUiLang(store.file));
  app.on('second-instance', () => {
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) win = createDeskWindow(distDir, readUiLang(store.file));
  });
  app.on('window-all-closed', () => app.quit());
}

void start();
