import { requestsAnswered } from './requestGate';

/**
 * The rhythm of bulk writes (issue 11: a staged import, a re-judge, removing
 * a batch): they go in transactions of about CHUNK_MS each, so that a click's
 * write, which must wait for the one transaction running, waits little;
 * between two of them the work waits for the requests being answered
 * (requestGate.ts) and pauses a moment, which lets another process's writer
 * (the app, while the CLI imports) take the lock.
 */
export const CHUNK_MS = 10;
const PAUSE_MS = 2;

/**
 * Rows per transaction, sized by time rather than by count: how long a row
 * takes depends on the machine, the disk, the steps of each call and the size
 * of the indexes. Starts small and follows what the last transactions took.
 */
export class ChunkSizer {
  private rows: number;

  constructor(
    first = 100,
    private readonly targetMs = CHUNK_MS,
    private readonly bounds: readonly [number, number] = [10, 5_000],
  ) {
    this.rows = first;
  }

  get size(): number {
    return this.rows;
  }

  /** Told what the last transaction wrote and how long it held the lock. */
  took(rows: number, ms: number): void {
    const fitting = (this.targetMs * rows) / Math.max(ms, 0.05);
    // Half way towards what would have fitted: one slow fsync does not halve the next chunk.
    const next = Math.round((this.rows + fitting) / 2);
    this.rows = Math.min(this.bounds[1], Math.max(this.bounds[0], Math.min(next, this.rows * 2)));
  }
}

/** Between two of the import's transactions: the requests first, then a breath for other processes. */
export async function betweenChunks(signal?: AbortSignal): Promise<void> {
  await requestsAnswered();
  await new Promise<void>((resolve) => setTimeout(resolve, PAUSE_MS));
  signal?.throwIfAborted();
}
