import type { ExportJob } from '../../shared/api/archive';
import type { HotlineClient, MethodName, RequestOf, ResponseOf } from '../../shared/api/contract';
import type { EventSubscribe } from '../../shared/api/events';
import { METHOD_NAMES } from '../../shared/api/methods';
import type { ApiResult } from '../../shared/api/result';
import { EventStream, type EventsClient } from './eventStream';
import { retryingBusy } from './retryBusy';

/**
 * The only module that touches the transport. In the desktop app the preload
 * has put the contract on `window.hotline` (IPC); in browser mode the same
 * contract goes over loopback HTTP with the run's token. Screens never know which.
 * The same holds for the events main pushes (`events`): IPC through the
 * preload's `window.hotlineEvents.on`, or browser mode's stream (eventStream.ts).
 */
declare global {
  interface Window {
    hotline?: HotlineClient;
    hotlineEvents?: { on: EventSubscribe };
  }
}

const TOKEN_KEY = 'hotline.token';

/**
 * Browser mode's token arrives in the printed URL once; it is kept for this
 * origin (127.0.0.1 and this run's port only) and removed from the address bar,
 * so reopening the page from history keeps working until the server restarts.
 */
function takeToken(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    localStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return localStorage.getItem(TOKEN_KEY) ?? '';
}

const token = window.hotline ? '' : takeToken();
const unreachable = { ok: false, error: { code: 'unreachable', message: 'Cannot reach Hotline Log; what you typed is kept. Try again.' } } as const;

/** A refusal by the server itself (not a handler's answer) as a result the screens understand. */
async function refusal(response: Response): Promise<{ ok: false; error: { code: 'token_expired' | 'internal'; message: string } }> {
  if (response.status === 401) {
    return { ok: false, error: { code: 'token_expired', message: 'Open the address that `hotline serve` printed: it carries this run’s key.' } };
  }
  return { ok: false, error: { code: 'internal', message: `${response.status}: ${await response.text()}` } };
}

function httpClient(): HotlineClient {
  const call =
    <K extends MethodName>(method: K) =>
    async (request: RequestOf<K>): Promise<ApiResult<ResponseOf<K>>> => {
      try {
        const response = await fetch(`api/${method}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-hotline-token': token },
          body: JSON.stringify(request),
        });
        if (!response.ok) return await refusal(response);
        return (await response.json()) as ApiResult<ResponseOf<K>>;
      } catch {
        return unreachable;
      }
    };
  return Object.fromEntries(METHOD_NAMES.map((m) => [m, call(m)])) as unknown as HotlineClient;
}

/** A click that meets a store busy with bulk work is sent again, at its own instant (retryBusy.ts). */
export const api: HotlineClient = retryingBusy(window.hotline ?? httpClient());

/**
 * The pushes from main (shared/api/events.ts). Browser mode reads them from a
 * streamed GET /events that carries the token header like every other request
 * (EventSource cannot, and the token never goes into a URL).
 */
export const events: EventsClient = window.hotlineEvents
  ? { on: window.hotlineEvents.on, onReconnect: () => () => undefined }
  : new EventStream((signal) => fetch('events', { headers: { 'x-hotline-token': token }, cache: 'no-store', signal }));

/**
 * Moving whole files. The desktop app picks paths with its own dialogs in the
 * main process, so a screen only calls the contract; browser mode cannot hand
 * paths across, so the page uploads the file to import and downloads the
 * finished export.
 */
export const files = {
  /** True where the main process asks for files itself (the desktop app). */
  desktop: window.hotline !== undefined,

  /** Browser mode: sends a chosen file; its handle goes into `importArchive({ upload })`. */
  async upload(file: File): Promise<ApiResult<{ upload: string }>> {
    try {
      const response = await fetch(`upload?name=${encodeURIComponent(file.name)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream', 'x-hotline-token': token },
        body: file,
      });
      if (!response.ok) return await refusal(response);
      return (await response.json()) as ApiResult<{ upload: string }>;
    } catch {
      return unreachable;
    }
  },

  /** Browser mode: fetches a finished export and hands it to the browser's downloads under its own name. */
  async download(job: ExportJob): Promise<ApiResult<null>> {
    try {
      const response = await fetch(`download/${job.job}`, { headers: { 'x-hotline-token': token } });
      if (!response.ok) return await refusal(response);
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement('a');
      link.href = url;
      link.download = job.fileName;
      document.body.append(link);
      link.click();
      link.remove();
      // The browser has taken the blob once the click is handled; a minute is ample.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      return { ok: true, value: null };
    } catch {
      return unreachable;
    }
  },
};
