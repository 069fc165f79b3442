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
 * The requests that write a record in one transaction (changeRecord): a `store_busy` answer to one
 * of them means nothing was written, so sending it again is safe. Others may have committed part
 * of their work before meeting the lock (a policy version before its re-judge, a sign-in's
 * lock-out row, an import's spent check), and are not sent again: their refusal is shown.
 */
const RETRIED = new Set<MethodName>(['startCall', 'answerCall', 'updateCall', 'setResult', 'transferCall', 'answerTransfer', 'addStep', 'closeCall', 'addMissReason', 'correctMoment', 'completeFollowUp']);

/**
 * The client with the record writes (RETRIED) sent again while the store answers
 * `store_busy`. The very same request goes again, so a click's `clickedAt`
 * travels with it and the moment is logged at the click.
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
  return Object.fromEntries(METHOD_NAMES.map((m) => [m, RETRIED.has(m) ? wrap(m) : client[m]])) as unknown as HotlineClient;
}
