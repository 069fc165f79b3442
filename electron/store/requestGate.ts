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
 *
 * The other way round, the worker marks each of its write transactions, and a
 * request that comes while one runs waits for its end (Atomics.waitAsync, woken
 * at the commit) before it asks for the lock: it then waits exactly what is
 * left of that transaction, not until the next of SQLite's busy-handler sleeps
 * (1, 2, 5, 10, 15 … ms) happens to find the lock free.
 *
 * Slot 0: requests being answered. Slot 1: 1 while the worker holds a write transaction.
 */
let counts: Int32Array = new Int32Array(new SharedArrayBuffer(8));
const HOLDING = 1;

/** The buffer to hand the worker thread (workerData). */
export function requestGateBuffer(): SharedArrayBuffer {
  return counts.buffer as SharedArrayBuffer;
}

/** In the worker: use the main thread's count. */
export function adoptRequestGate(buffer: SharedArrayBuffer): void {
  counts = new Int32Array(buffer);
}

/**
 * How long a request holds bulk work back. A click's write is over well within
 * it; a request still running after it is itself waiting for something long (an
 * import or a re-judge it asked the worker for, a file dialog) and must not hold
 * back the very work it waits for.
 */
export const REQUEST_HOLDS_MS = 50;

/** In the main thread, around each request it answers: counted until answered, or for REQUEST_HOLDS_MS at most. Returns the release. */
export function enterRequest(): () => void {
  Atomics.add(counts, 0, 1);
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    clearTimeout(timer);
    Atomics.sub(counts, 0, 1);
  };
  const timer = setTimeout(release, REQUEST_HOLDS_MS);
  timer.unref?.();
  return release;
}

/**
 * Waits (polling every millisecond, the event loop free) until no request is
 * being answered, or `atMostMs` has passed: a request that never ends must
 * not stop the bulk work for good.
 */
export async function requestsAnswered(atMostMs = 2 * REQUEST_HOLDS_MS): Promise<void> {
  const until = Date.now() + atMostMs;
  while (Atomics.load(counts, 0) > 0 && Date.now() < until) await new Promise<void>((resolve) => setTimeout(resolve, 1));
}

/**
 * requestsAnswered for work that cannot await (a backup's step callback): the
 * thread sleeps. Only off the main thread: there, the requests counted are the
 * thread's own, which cannot go on while it sleeps.
 */
export function requestsAnsweredSync(atMostMs = 2 * REQUEST_HOLDS_MS): void {
  if (isMainThread) return;
  const until = Date.now() + atMostMs;
  for (let n = Atomics.load(counts, 0); n > 0 && Date.now() < until; n = Atomics.load(counts, 0)) Atomics.wait(counts, 0, n, 1);
}

/** Around each bulk write transaction (the worker's): requests coming meanwhile wait for its end. */
export function holdingWrite<T>(work: () => T): T {
  Atomics.store(counts, HOLDING, 1);
  try {
    return work();
  } finally {
    Atomics.store(counts, HOLDING, 0);
    Atomics.notify(counts, HOLDING);
  }
}

/** holdingWrite for a transaction that awaits. */
export async function holdingWriteAsync<T>(work: () => Promise<T>): Promise<T> {
  Atomics.store(counts, HOLDING, 1);
  try {
    return await work();
  } finally {
    Atomics.store(counts, HOLDING, 0);
    Atomics.notify(counts, HOLDING);
  }
}

/** Atomics.waitAsync (Node 16+, ES2024): the project's lib is ES2023. */
interface AtomicsWithWaitAsync {
  waitAsync(array: Int32Array, index: number, value: number, timeoutMs: number): { async: false; value: string } | { async: true; value: Promise<string> };
}

/** In the main thread, before a request runs: the end of the bulk transaction running, if one is (at most `atMostMs`). */
export async function bulkWriteEnded(atMostMs = 100): Promise<void> {
  if (Atomics.load(counts, HOLDING) === 0) return;
  const waited = (Atomics as unknown as AtomicsWithWaitAsync).waitAsync(counts, HOLDING, 1, atMostMs);
  if (waited.async) await waited.value;
}
