import type { HotlineClient, MethodName, RequestOf, ResponseOf } from '../../shared/api/contract';
import { METHOD_NAMES } from '../../shared/api/methods';
import type { ApiResult } from '../../shared/api/result';

/**
 * The only module that touches the transport. In the desktop app the preload
 * has put the contract on `window.hotline` (IPC); in browser mode the same
 * contract goes over loopback HTTP with the run's token. Screens never know which.
 */
declare global {
  interface Window {
    hotline?: HotlineClient;
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

function httpClient(): HotlineClient {
  const token = takeToken();
  const call =
    <K extends MethodName>(method: K) =>
    async (request: RequestOf<K>): Promise<ApiResult<ResponseOf<K>>> => {
      try {
        const response = await fetch(`api/${method}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-hotline-token': token },
          body: JSON.stringify(request),
        });
        if (response.status === 401) {
          return { ok: false, error: { code: 'token_expired', message: 'Open the address that `hotline serve` printed: it carries this run’s key.' } };
        }
        if (!response.ok) {
          return { ok: false, error: { code: 'internal', message: `${response.status}: ${await response.text()}` } };
        }
        return (await response.json()) as ApiResult<ResponseOf<K>>;
      } catch {
        return { ok: false, error: { code: 'unreachable', message: 'Cannot reach Hotline Log; what you typed is kept. Try again.' } };
      }
    };
  return Object.fromEntries(METHOD_NAMES.map((m) => [m, call(m)])) as unknown as HotlineClient;
}

export const api: HotlineClient = window.hotline ?? httpClient();
