import { performance } from 'node:perf_hooks';
import type BetterSqlite3 from 'better-sqlite3';
import { removeBatchChunk, unpublishedBatches } from '../store/importBatches';
import { holdingWrite } from '../store/requestGate';
import { betweenChunks, ChunkSizer } from '../store/rhythm';

/**
 * Runs `work` in one BEGIN IMMEDIATE transaction on the raw connection and
 * says how long it held the lock (the wait for the lock not counted).
 */
export function timedTransaction<T>(sqlite: BetterSqlite3.Database, work: () => T): { value: T; ms: number } {
  let ms = 0;
  const value = holdingWrite(() =>
    sqlite
      .transaction(() => {
        const started = performance.now();
        const result = work();
        ms = performance.now() - started;
        return result;
      })
      .immediate(),
  );
  return { value, ms };
}

/** Removes one unpublished batch, a short transaction at a time. */
export async function removeBatch(sqlite: BetterSqlite3.Database, batchId: number): Promise<void> {
  const sizer = new ChunkSizer(500);
  for (;;) {
    const { value: removed, ms } = timedTransaction(sqlite, () => removeBatchChunk(sqlite, batchId, sizer.size));
    if (removed === 0) return;
    sizer.took(removed, ms);
    await betweenChunks();
  }
}

/**
 * Removes every batch that was never published: left by an import whose
 * process was killed, or that failed without cleaning up. Run under the import
 * lock (no import of this database is running): at the start of every import,
 * and when the app starts. Returns the batches removed.
 */
export async function removeUnpublishedImports(sqlite: BetterSqlite3.Database): Promise<number> {
  const batches = unpublishedBatches(sqlite);
  for (const id of batches) await removeBatch(sqlite, id);
  return batches.length;
}
