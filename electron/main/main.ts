import path from 'node:path';
import { app, BrowserWindow, dialog, Notification } from 'electron';
import { backfillDerivedColumns } from '../handlers/startup';
import { openStore, type Store } from '../store/openDb';
import { defaultDbPath } from '../store/paths';
import { registerIpc } from './ipc';
import { lockDownWebContents } from './security';
import { createDeskWindow, rendererIndex } from './window';

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
  let store: Store;
  try {
    const binding = nativeBinding();
    store = await openStore(defaultDbPath(), binding ? { nativeBinding: binding } : {});
    await backfillDerivedColumns(store.db, Date.now());
  } catch (error) {
    dialog.showErrorBox('Hotline Log cannot open its database', error instanceof Error ? error.message : String(error));
    app.exit(1);
    return;
  }
  registerIpc({ db: store.db, now: () => Date.now(), notify: showNotification }, rendererIndex(distDir));
  let win = createDeskWindow(distDir);
  app.on('second-instance', () => {
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) win = createDeskWindow(distDir);
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => void store.close());
}

void start();
