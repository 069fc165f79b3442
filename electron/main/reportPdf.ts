import fs from 'node:fs/promises';
import path from 'node:path';
import { app, BrowserWindow, dialog, type WebContents } from 'electron';
import { HotlineError } from '../../shared/api/result';
import { refuse } from '../../shared/i18n/refusals';
import type { ReportPrinter } from '../handlers/context';

/**
 * The desktop app's period report: the window that asked prints its own
 * report view (print CSS, A4, the footer's page x/y from its @page rules) with
 * Chromium's printToPDF, the engine Playwright's page.pdf drives in the tests,
 * into a file the person picks in a save dialog modal to that window.
 */
export function reportPrinterFor(contents: WebContents): ReportPrinter {
  return {
    async savePdf(suggestedName) {
      const window = contents.isDestroyed() ? null : BrowserWindow.fromWebContents(contents);
      if (!window) throw new HotlineError('cannot_print', 'This window cannot print: it is closing.');
      const chosen = await dialog.showSaveDialog(window, {
        defaultPath: path.join(app.getPath('documents'), suggestedName),
        filters: [{ name: 'PDF', extensions: ['pdf'] }],
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      });
      if (chosen.canceled || !chosen.filePath) return null;
      const file = path.extname(chosen.filePath).toLowerCase() === '.pdf' ? chosen.filePath : `${chosen.filePath}.pdf`;
      let pdf: Buffer;
      try {
        // The page's @page rules set A4, the margins and the footer; Chromium's own header and footer would cover them.
        pdf = await contents.printToPDF({ pageSize: 'A4', preferCSSPageSize: true, printBackground: true, displayHeaderFooter: false });
      } catch (error) {
        throw refuse('pdf_not_made', { detail: error instanceof Error ? error.message : String(error) }, undefined, 'print_failed');
      }
      // Written beside the target and renamed over it: a failed write never leaves half a PDF in place of an older report.
      const partial = `${file}.${process.pid}.partial`;
      try {
        await fs.writeFile(partial, pdf);
        await fs.rename(partial, file);
      } catch (error) {
        await fs.rm(partial, { force: true });
        const code = (error as { code?: unknown }).code;
        throw refuse('pdf_not_written', { file, detail: typeof code === 'string' ? code : String(error) }, undefined, 'print_failed');
      }
      return { file, bytes: pdf.length };
    },
  };
}
