import type { HotlineClient, MethodName, RequestOf, ResponseOf } from '../../shared/api/contract';
import { METHOD_NAMES } from '../../shared/api/methods';
import type { ApiResult } from '../../shared/api/result';

/** How long a request answered `store_busy` is sent again before the screen shows why: well under the store's MAX_CLICK_AGE_MS. */
export const RETRY_BUSY_FOR_MS = 60_000;

/** Waits between tries: quick at first (a backup step or an import batch is short), then at most a second. */
const backoff = (attempt: number) => Math.min(1000, 25 * 2 ** attempt);

export interface RetryClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const realClock: RetryClock = { now: () => Date.now(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };

/**
 * The client with every method retried while the store answers `store_busy`
 * (nothing was written). The very same request goes again, so a click's
 * `clickedAt` travels with it and the moment is logged at the click.
 */
export function retryingBusy(client: HotlineClient, clock: RetryClock = realClock): HotlineClient {
  const wrap =
    <K extends MethodName>(method: K) =>
    async (request: RequestOf<K>): Promise<ApiResult<ResponseOf<K>>> => {
      const send = client[method] as (req: RequestOf<K>) => Promise<ApiResult<ResponseOf<K>>>;
      const started = clock.now();
      for (let attempt = 0; ; attempt++) {
        const result = await send(request);
        if (result.ok || result.error.code !== 'store_busy' || clock.now() - started >= RETRY_BUSY_FOR_MS) return result;
        await clock.sleep(backoff(attempt));
      }
    };
  return Object.fromEntries(METHOD_NAMES.map((m) => [m, wrap(m)])) as unknown as HotlineClient;
}
