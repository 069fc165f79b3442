import path from 'node:path';
import { BrowserWindow, type WebPreferences } from 'electron';
import type { Lang } from '../../shared/i18n';

/** The renderer page inside the packaged app (or dist/ in a checkout). */
export const rendererIndex = (distDir: string): string => path.join(distDir, 'renderer', 'index.html');

/**
 * The window's icon: the 512 px PNG generated from resources/icon.svg, which
 * the renderer build also ships as its favicon (Linux and Windows show it in
 * the title bar and task bar; macOS takes the app bundle's .icns instead).
 */
export const windowIcon = (distDir: string): string => path.join(distDir, 'renderer', 'icon.png');

/** The desk window's settings: isolated, sandboxed, no Node in the page. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
  };
}

/** The desk window; `lang`, the desk's kept UI language, is the page's first language (before its own last choice). */
export function createDeskWindow(distDir: string, lang?: Lang): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 900,
    minHeight: 600,
    // Until the page sets its own: the window then follows document.title
    // ("Hotline Log — A03 · name"), since nothing here prevents page-title-updated.
    title: 'Hotline Log',
    icon: windowIcon(distDir),
    show: false,
    webPreferences: secureWebPreferences(path.join(distDir, 'electron', 'preload.cjs')),
  });
  win.once('ready-to-show', () => win.show());
  void win.loadFile(rendererIndex(distDir), lang ? { query: { lang } } : undefined);
  return win;
}
