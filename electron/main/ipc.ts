import { pathToFileURL } from 'node:url';
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { eventChannelOf } from '../../shared/api/events';
import { channelOf, METHOD_NAMES } from '../../shared/api/methods';
import type { FileHost, HandlerContext, ReportPrinter, Session } from '../handlers/context';
import { dispatch } from '../handlers/dispatch';
import { eventHub, type EventHub } from '../records/eventHub';

/**
 * One IPC channel per contract method, each answering through the same
 * dispatcher as browser mode. A request from any frame other than the app's
 * own page (an injected iframe, a navigated-away page) is refused.
 * Events from the hub go to each window signed in as the event's profile,
 * over the event's own channel (the preload's `on`).
 */
export function registerIpc(
  base: Omit<HandlerContext, 'session' | 'files' | 'printer'>,
  rendererIndexPath: string,
  /** The asking window's save and open dialogs (dialogFiles.ts); tests pass their own. */
  filesFor?: (sender: WebContents) => FileHost,
  /** The asking window's report as PDF (reportPdf.ts); tests pass their own. */
  printerFor?: (sender: WebContents) => ReportPrinter,
  events: EventHub = eventHub,
): () => void {
  const trustedUrl = pathToFileURL(rendererIndexPath).href;
  // Each window signs in on its own: sessions are kept per webContents.
  const sessions = new Map<number, Session>();
  const sessionOf = (senderId: number): Session => {
    let session = sessions.get(senderId);
    if (!session) sessions.set(senderId, (session = { userId: null }));
    return session;
  };
  // The app's own windows that have asked something: the only ones events may reach.
  const windows = new Map<number, WebContents>();
  for (const method of METHOD_NAMES) {
    ipcMain.handle(channelOf(method), (event: IpcMainInvokeEvent, request: unknown) => {
      if (!isTrustedSender(event, trustedUrl)) {
        return { ok: false, error: { code: 'invalid_request', message: 'Refused: request from an unknown page.' } };
      }
      windows.set(event.sender.id, event.sender);
      const files = filesFor?.(event.sender);
      const printer = printerFor?.(event.sender);
      return dispatch(method, request, { ...base, session: sessionOf(event.sender.id), ...(files ? { files } : {}), ...(printer ? { printer } : {}) });
    });
  }
  return events.subscribe((event) => {
    for (const [id, window] of windows) {
      if (window.isDestroyed()) {
        windows.delete(id);
        sessions.delete(id);
      } else if (event.userId === null || sessions.get(id)?.userId === event.userId) {
        window.send(eventChannelOf(event.name), event.payload);
      }
    }
  });
}

export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>, trustedUrl: string): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  return frame.url.split(/[?#]/)[0] === trustedUrl;
}
