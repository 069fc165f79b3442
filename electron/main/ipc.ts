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
 * `atDesk` says who sits at the desk for the phone system: the profile of the
 * window most recently signed in (a record the phone opens is their call).
 */
export function registerIpc(
  base: Omit<HandlerContext, 'session' | 'files' | 'printer'>,
  rendererIndexPath: string,
  /** The asking window's save and open dialogs (dialogFiles.ts); tests pass their own. */
  filesFor?: (sender: WebContents) => FileHost,
  /** The asking window's report as PDF (reportPdf.ts); tests pass their own. */
  printerFor?: (sender: WebContents) => ReportPrinter,
  events: EventHub = eventHub,
): { atDesk: () => number | null; stop: () => void } {
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
  // Windows in the order they last signed in (a sign-in, or whoAmI signing a one-profile desk in): the last is at the desk.
  const signedIn: number[] = [];
  const noteSignIn = (senderId: number) => {
    const at = signedIn.indexOf(senderId);
    if (at !== -1) signedIn.splice(at, 1);
    signedIn.push(senderId);
  };
  const atDesk = (): number | null => {
    for (let i = signedIn.length - 1; i >= 0; i--) {
      const id = signedIn[i]!;
      const window = windows.get(id);
      const userId = sessions.get(id)?.userId ?? null;
      if (window && !window.isDestroyed() && userId !== null) return userId;
    }
    return null;
  };
  for (const method of METHOD_NAMES) {
    ipcMain.handle(channelOf(method), (event: IpcMainInvokeEvent, request: unknown) => {
      if (!isTrustedSender(event, trustedUrl)) {
        return { ok: false, error: { code: 'invalid_request', message: 'Refused: request from an unknown page.' } };
      }
      windows.set(event.sender.id, event.sender);
      const files = filesFor?.(event.sender);
      const printer = printerFor?.(event.sender);
      const session = sessionOf(event.sender.id);
      const before = session.userId;
      const senderId = event.sender.id;
      return dispatch(method, request, { ...base, session, ...(files ? { files } : {}), ...(printer ? { printer } : {}) }).then((result) => {
        if (session.userId !== null && session.userId !== before) noteSignIn(senderId);
        return result;
      });
    });
  }
  const stop = events.subscribe((event) => {
    for (const [id, window] of windows) {
      if (window.isDestroyed()) {
        windows.delete(id);
        sessions.delete(id);
      } else if (event.userId === null || sessions.get(id)?.userId === event.userId) {
        window.send(eventChannelOf(event.name), event.payload);
      }
    }
  });
  return { atDesk, stop };
}

export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>, trustedUrl: string): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  return frame.url.split(/[?#]/)[0] === trustedUrl;
}
