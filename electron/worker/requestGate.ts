import { isMainThread } from 'node:worker_threads';

/**
 * The request gate: how the bulk worker steps aside for a click. The main
 * thread counts the requests it is answering in a SharedArrayBuffer that the
 * worker thread also holds; before each short write transaction of a staged
 * import the worker waits until that count is zero. A click's write then never
 * queues behind more than the one bulk transaction already running (≈ 15 ms),
 * instead of losing the race for the lock to the worker's next transaction,
 * which SQLite's busy handler (sleeps of 1, 2, 5, 10 … ms) would often do.
 * Another process (the CLI) shares no memory; it only gets the pause between
 * transactions.
 */
let counts: Int32Array = new Int32Array(new SharedArrayBuffer(4));

/** The buffer to hand the worker thread (workerData). */
export function requestGateBuffer(): SharedArrayBuffer {
  return counts.buffer as SharedArrayBuffer;
}

/** In the worker: use the main thread's count. */
export function adoptRequestGate(buffer: SharedArrayBuffer): void {
  counts = new Int32Array(buffer);
}

/** In the main thread, around each request it answers. Returns the release. */
export function enterRequest(): () => void {
  Atomics.add(counts, 0, 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    Atomics.sub(counts, 0, 1);
  };
}

/**
 * Waits (polling every millisecond, the event loop free) until no request is
 * being answered, or `atMostMs` has passed: a request that never ends must
 * not stop the bulk work for good.
 */
export async function requestsAnswered(atMostMs = 250): Promise<void> {
  const until = Date.now() + atMostMs;
  while (Atomics.load(counts, 0) > 0 && Date.now() < until) await new Promise<void>((resolve) => setTimeout(resolve, 1));
}

/**
 * requestsAnswered for work that cannot await (a backup's step callback): the
 * thread sleeps. Only off the main thread: there, the requests counted are the
 * thread's own, which cannot go on while it sleeps.
 */
export function requestsAnsweredSync(atMostMs = 250): void {
  if (isMainThread) return;
  const until = Date.now() + atMostMs;
  for (let n = Atomics.load(counts, 0); n > 0 && Date.now() < until; n = Atomics.load(counts, 0)) Atomics.wait(counts, 0, n, 1);
}
