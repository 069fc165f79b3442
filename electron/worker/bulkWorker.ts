import os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { openStore, type Store } from '../store/openDb';
import { sendableError } from './errors';
import { adoptRequestGate } from '../store/requestGate';
import { runJob } from './jobs';
import type { FromWorker, ToWorker, WorkerStart } from './protocol';

/**
 * The bulk worker thread (its own bundle: dist/electron/worker.cjs). It owns a
 * second SQLite connection to the same file, so a backup, an export or an
 * import reads and writes here while the main thread keeps answering clicks.
 * Its busy timeout is long: the worker may wait for a click's short write, a
 * click must never wait for the worker's.
 */
const start = workerData as WorkerStart;
const port = parentPort;
if (!port) throw new Error('bulkWorker.ts runs as a worker thread only.');
if (start.requestGate) adoptRequestGate(start.requestGate);

/**
 * On Linux a nice value belongs to a thread, and setpriority(…, 0, …) changes the
 * calling one: the worker yields the CPU to the thread that answers clicks (a desk
 * PC may have two cores). Elsewhere the call would lower the whole app, so it is left.
 */
if (process.platform === 'linux') {
  try {
    os.setPriority(0, 10);
  } catch {
    // Not permitted here: the worker simply runs at the app's priority.
  }
}

const running = new Map<number, AbortController>();
let opened: Promise<Store> | null = null;
const store = (): Promise<Store> =>
  (opened ??= openStore(start.file, { busyTimeoutMs: 30_000, ...(start.nativeBinding ? { nativeBinding: start.nativeBinding } : {}) }));

const send = (message: FromWorker) => port.postMessage(message);

port.on('message', (message: ToWorker) => {
  if (message.type === 'cancel') {
    running.get(message.id)?.abort();
    return;
  }
  const { id, job } = message;
  const controller = new AbortController();
  running.set(id, controller);
  void (async () => {
    try {
      const value = await runJob(await store(), job, { signal: controller.signal, progress: (done, total) => send({ type: 'progress', id, done, total }) }, start.nativeBinding);
      send({ type: 'done', id, value });
    } catch (error) {
      send({ type: 'failed', id, error: sendableError(error) });
    } finally {
      running.delete(id);
    }
  })();
});
