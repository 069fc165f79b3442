import path from 'node:path';
import { app, BrowserWindow, dialog, type WebContents } from 'electron';
import type { FileHost } from '../handlers/context';

const SPREADSHEETS = [
  { name: 'Excel workbook', extensions: ['xlsx'] },
  { name: 'CSV (UTF-8)', extensions: ['csv'] },
];

/**
 * The desktop app's files: the window that asked gets the system's own save
 * and open dialogs (modal to it), so the person picks every path; the
 * renderer never names one.
 */
export function dialogFilesFor(contents: WebContents): FileHost {
  const owner = () => BrowserWindow.fromWebContents(contents);
  return {
    async exportTarget(suggestedName) {
      const format = path.extname(suggestedName).slice(1);
      const options: Electron.SaveDialogOptions = {
        defaultPath: path.join(app.getPath('documents'), suggestedName),
        filters: SPREADSHEETS.filter((f) => f.extensions.includes(format)),
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      };
      const window = owner();
      const chosen = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      if (chosen.canceled || !chosen.filePath) return null;
      // The format is the one chosen on the screen, whatever name was typed.
      const file = path.extname(chosen.filePath).toLowerCase() === `.${format}` ? chosen.filePath : `${chosen.filePath}.${format}`;
      return { file, download: false };
    },
    async importSource() {
      const options: Electron.OpenDialogOptions = { filters: [{ name: 'Excel or CSV', extensions: ['xlsx', 'csv'] }], properties: ['openFile'] };
      const window = owner();
      const chosen = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      const file = chosen.canceled ? undefined : chosen.filePaths[0];
      return file ? { file, fileName: path.basename(file) } : null;
    },
  };
}
