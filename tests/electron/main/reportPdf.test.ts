import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { IpcMainInvokeEvent } from 'electron';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { channelOf } from '../../../shared/api/methods';
import { openTestDesk, tempDir, type TestDesk } from '../../helpers/tempStore';

type Listener = (event: IpcMainInvokeEvent, request: unknown) => unknown;

// Electron stand-ins: ipcMain keeps the handlers; the save dialog answers what each test chose
// and records the window it was parented to; "documents" is a temp folder.
const docs = tempDir('hotline-docs-');
const handlers = vi.hoisted(() => new Map<string, Listener>());
const state = vi.hoisted(() => ({ answer: { canceled: true, filePath: '' } as { canceled: boolean; filePath: string }, windows: new Map<number, object>() }));
const showSaveDialog = vi.hoisted(() => vi.fn(async (..._args: unknown[]) => state.answer));
vi.mock('electron', () => ({
  ipcMain: { handle: (channel: string, listener: Listener) => void handlers.set(channel, listener) },
  dialog: { showSaveDialog },
  app: { getPath: (name: string) => (name === 'documents' ? docs.dir : '/nowhere') },
  BrowserWindow: { fromWebContents: (contents: { id: number }) => state.windows.get(contents.id) ?? null },
}));

const { registerIpc } = await import('../../../electron/main/ipc');
const { reportPrinterFor } = await import('../../../electron/main/reportPdf');

const rendererIndex = path.join(path.sep, 'opt', 'Hotline Log', 'dist', 'renderer', 'index.html');
const PDF = Buffer.from('%PDF-1.7\n% the report of June\n%%EOF\n');
const PERIOD = { from: '2024-06-01', to: '2024-06-30' };

/** A window's web contents: its id (the session and the dialog's owner) and Chromium's printToPDF. */
function contentsOf(id: number, printToPDF = vi.fn(async (_options: Electron.PrintToPDFOptions) => PDF)) {
  return { id, isDestroyed: () => false, printToPDF };
}

const eventFrom = (contents: { id: number }) => ({ senderFrame: { url: pathToFileURL(rendererIndex).href, parent: null }, sender: contents }) as unknown as IpcMainInvokeEvent;

function printFrom(contents: ReturnType<typeof contentsOf>): Promise<unknown> {
  return Promise.resolve(handlers.get(channelOf('printReport'))!(eventFrom(contents), PERIOD));
}

let desk: TestDesk;
beforeAll(async () => {
  desk = await openTestDesk();
  // The desk's one profile is its admin: a team-lead role may print.
  registerIpc(desk.ctx, rendererIndex, undefined, (sender) => reportPrinterFor(sender));
  // Each window has its own session: a one-profile desk without a PIN signs it in on whoAmI.
  for (const id of [4, 9]) await handlers.get(channelOf('whoAmI'))!(eventFrom({ id }), {});
});
afterAll(async () => {
  await desk.close();
  docs.remove();
});
beforeEach(() => {
  showSaveDialog.mockClear();
  state.windows.clear();
  for (const f of fs.readdirSync(docs.dir)) fs.rmSync(path.join(docs.dir, f));
});

describe('the report as PDF in the desktop app', () => {
  it('asks where in a save dialog modal to the window that asked, and writes exactly what printToPDF made', async () => {
    const window = { title: 'window 4' };
    state.windows.set(4, window);
    state.windows.set(5, { title: 'window 5' });
    const target = path.join(docs.dir, 'June report.pdf');
    state.answer = { canceled: false, filePath: target };
    const contents = contentsOf(4);
    expect(await printFrom(contents)).toEqual({ ok: true, value: { file: target, bytes: PDF.length } });
    expect(showSaveDialog).toHaveBeenCalledOnce();
    const [owner, options] = showSaveDialog.mock.calls[0]! as [object, Electron.SaveDialogOptions];
    expect(owner).toBe(window);
    expect(options.defaultPath).toBe(path.join(docs.dir, 'hotline-report-2024-06-01_2024-06-30.pdf'));
    expect(options.filters).toEqual([{ name: 'PDF', extensions: ['pdf'] }]);
    // A4 from the page's own @page rules, backgrounds kept, Chromium's header and footer off (the page has its own).
    expect(contents.printToPDF).toHaveBeenCalledWith({ pageSize: 'A4', preferCSSPageSize: true, printBackground: true, displayHeaderFooter: false });
    expect(fs.readFileSync(target).equals(PDF)).toBe(true);
    expect(fs.readdirSync(docs.dir)).toEqual(['June report.pdf']);
  });

  it('writes nothing and makes no PDF when the person cancels', async () => {
    state.windows.set(4, {});
    state.answer = { canceled: true, filePath: '' };
    const contents = contentsOf(4);
    expect(await printFrom(contents)).toEqual({ ok: true, value: null });
    expect(contents.printToPDF).not.toHaveBeenCalled();
    expect(fs.readdirSync(docs.dir)).toEqual([]);
  });

  it('adds .pdf to a name typed without it', async () => {
    state.windows.set(4, {});
    state.answer = { canceled: false, filePath: path.join(docs.dir, 'juni') };
    expect(await printFrom(contentsOf(4))).toMatchObject({ ok: true, value: { file: path.join(docs.dir, 'juni.pdf') } });
    expect(fs.readFileSync(path.join(docs.dir, 'juni.pdf')).equals(PDF)).toBe(true);
  });

  it('refuses, without a dialog, when the asking window is gone', async () => {
    expect(await printFrom(contentsOf(9))).toMatchObject({ ok: false, error: { code: 'cannot_print' } });
    const closing = { ...contentsOf(4), isDestroyed: () => true };
    state.windows.set(4, {});
    expect(await printFrom(closing)).toMatchObject({ ok: false, error: { code: 'cannot_print' } });
    expect(showSaveDialog).not.toHaveBeenCalled();
  });

  it('keeps an older report intact when printing fails', async () => {
    state.windows.set(4, {});
    const target = path.join(docs.dir, 'may.pdf');
    fs.writeFileSync(target, 'the May report');
    state.answer = { canceled: false, filePath: target };
    const failing = contentsOf(4, vi.fn(async () => Promise.reject(new Error('Printing failed'))));
    expect(await printFrom(failing)).toMatchObject({ ok: false, error: { code: 'print_failed' } });
    expect(fs.readFileSync(target, 'utf8')).toBe('the May report');
    expect(fs.readdirSync(docs.dir)).toEqual(['may.pdf']);
  });

  it('says why when the chosen folder cannot be written, leaving no partial file', async () => {
    state.windows.set(4, {});
    state.answer = { canceled: false, filePath: path.join(docs.dir, 'no-such-folder', 'june.pdf') };
    const result = (await printFrom(contentsOf(4))) as { ok: false; error: { code: string; message: string } };
    expect(result).toMatchObject({ ok: false, error: { code: 'print_failed' } });
    expect(result.error.message).toContain('ENOENT');
    expect(fs.readdirSync(docs.dir)).toEqual([]);
  });
});
