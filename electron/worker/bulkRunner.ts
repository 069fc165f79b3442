import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import { receivedError } from './errors';
import { requestGateBuffer } from '../store/requestGate';
import { runJob, type JobStore } from './jobs';
import type { BulkJob, BulkValue, FromWorker, ToWorker, WorkerStart } from './protocol';

export interface BulkControl {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

/** Where bulk work runs: the handlers, the backup schedule and the CLI ask this, never the store directly. */
export interface BulkRunner {
  run<J extends BulkJob>(job: J, control?: BulkControl): Promise<BulkValue<J>>;
  /** Resolves once no job runs any more and the worker (if any) has stopped. */
  close(): Promise<void>;
}

/**
 * Runs jobs on the process's own connection: the CLI (one command, nobody
 * clicking) and handler tests. The desktop app and browser mode use the worker.
 */
export class InProcessRunner implements BulkRunner {
  constructor(
    private readonly store: JobStore,
    private readonly nativeBinding?: string,
  ) {}

  run<J extends BulkJob>(job: J, control: BulkControl = {}): Promise<BulkValue<J>> {
    const signal = control.signal ?? new AbortController().signal;
    return runJob(this.store, job, { signal, progress: control.onProgress ?? (() => undefined) }, this.nativeBinding);
  }

  async close(): Promise<void> {}
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  onProgress?: (done: number, total: number) => void;
  /** Resolves once the job has answered, either way (close waits for it a little). */
  settled: Promise<unknown>;
}

/** How long closing waits for cancelled jobs to finish cleaning up before ending the thread. */
const CLOSE_GRACE_MS = 2_000;

/**
 * The bulk worker thread seen from the main thread: started on the first job,
 * one message per job out, progress and one answer back. A cancel is a
 * message too; the worker aborts the job's own signal. A worker that dies
 * (out of memory, a native crash) fails the jobs it held and is started again
 * for the next one; what it wrote is whatever its transactions committed.
 */
export class WorkerRunner implements BulkRunner {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  /** `workerFile`: the worker bundle (dist/electron/worker.cjs; outside app.asar when packaged). */
  constructor(
    private readonly workerFile: string,
    private readonly start: WorkerStart,
  ) {
    // Said at start, not at the first backup: a build without the worker must not look like a failing disk.
    if (!fs.existsSync(workerFile)) throw new Error(`The background worker ${workerFile} is missing: build the app again (npm run build).`);
  }

  run<J extends BulkJob>(job: J, control: BulkControl = {}): Promise<BulkValue<J>> {
    control.signal?.throwIfAborted();
    const id = this.nextId++;
    const worker = this.started();
    let entry: Pending | undefined;
    const answer = new Promise<BulkValue<J>>((resolve, reject) => {
      entry = { resolve: resolve as (value: unknown) => void, reject, ...(control.onProgress ? { onProgress: control.onProgress } : {}), settled: Promise.resolve() };
    });
    entry!.settled = answer.then(
      () => undefined,
      () => undefined,
    );
    this.pending.set(id, entry!);
    control.signal?.addEventListener('abort', () => this.post({ type: 'cancel', id }), { once: true });
    worker.postMessage({ type: 'run', id, job } satisfies ToWorker);
    return answer;
  }

  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    // Jobs still running are told to stop and given a moment to clean up after themselves (an
    // export's temporary file); whatever is left is ended with the thread, and an open
    // transaction rolls back with its connection.
    const settled = [...this.pending.values()].map((job) => job.settled);
    for (const id of this.pending.keys()) worker.postMessage({ type: 'cancel', id } satisfies ToWorker);
    await Promise.race([Promise.all(settled), new Promise((resolve) => setTimeout(resolve, CLOSE_GRACE_MS).unref())]);
    this.worker = null;
    await worker.terminate();
    this.failAll(new Error('The app is closing; the work was stopped.'));
  }

  private post(message: ToWorker): void {
    this.worker?.postMessage(message);
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.workerFile, { workerData: { requestGate: requestGateBuffer(), ...this.start } satisfies WorkerStart });
    // A worker waiting for jobs must not keep a CLI process (hotline serve's tests) alive on its own.
    worker.unref();
    worker.on('message', (message: FromWorker) => this.answer(message));
    worker.on('error', (error) => this.died(worker, error));
    worker.on('exit', (code) => this.died(worker, new Error(`The background worker stopped (exit code ${code}).`)));
    this.worker = worker;
    return worker;
  }

  private answer(message: FromWorker): void {
    const job = this.pending.get(message.id);
    if (!job) return;
    if (message.type === 'progress') {
      job.onProgress?.(message.done, message.total);
      return;
    }
    this.pending.delete(message.id);
    if (message.type === 'done') job.resolve(message.value);
    else job.reject(receivedError(message.error));
  }

  private died(worker: Worker, error: Error): void {
    if (this.worker !== worker) return;
    this.worker = null;
    this.failAll(error);
  }

  private failAll(error: Error): void {
    for (const job of this.pending.values()) job.reject(error);
    this.pending.clear();
  }
}
