import type BetterSqlite3 from 'better-sqlite3';
import { markPublishedBatch } from './outbox';
import { dropStagedRollups, publishStagedRollups } from './rollups';

/**
 * Import batches (migration 0009): an import's rows are written under a batch
 * that stays hidden from every reader (store/visibility.ts) until one small
 * transaction publishes it. These run on the raw connection, inside the
 * caller's transaction, so that the staging loop can time each one.
 */

/** Starts a staged batch; returns its id. Inside a write transaction. */
export function openBatch(sqlite: BetterSqlite3.Database, who: { file: string; actor: string; now: number }): number {
  return Number(sqlite.prepare('INSERT INTO import_batches (file, actor, started_at) VALUES (?, ?, ?)').run(who.file, who.actor, who.now).lastInsertRowid);
}

/** Makes a batch's records visible, and their figures part of the statistics, at once. Inside a write transaction. */
export function publishBatch(sqlite: BetterSqlite3.Database, batchId: number, now: number): void {
  publishStagedRollups(sqlite, batchId);
  const changed = sqlite.prepare('UPDATE import_batches SET published_at = ? WHERE id = ? AND published_at IS NULL').run(now, batchId).changes;
  if (changed !== 1) throw new Error(`Import batch ${batchId} is gone or already published.`);
  // Visible from this commit on: the team server gets them too (a no-op when the desk is not linked).
  markPublishedBatch(sqlite, batchId);
}

/** Batches never published: an import still running, or one whose process was killed. */
export function unpublishedBatches(sqlite: BetterSqlite3.Database): number[] {
  return sqlite.prepare('SELECT id FROM import_batches WHERE published_at IS NULL ORDER BY id').pluck().all() as number[];
}

/** The tables that hold rows of a call, removed before the call itself (no ON DELETE CASCADE). */
const CHILD_TABLES = ['steps', 'transfers', 'miss_reasons', 'audit_log'] as const;

/**
 * Removes up to `limit` records of an unpublished batch, with their steps,
 * transfers, miss reasons and audit rows; once none is left, the batch itself
 * and its staged figures. Returns the records removed (0: the batch is gone).
 * Each call is one short transaction's work: hidden rows can go a piece at a
 * time, nobody sees the difference. Inside a write transaction.
 */
export function removeBatchChunk(sqlite: BetterSqlite3.Database, batchId: number, limit: number): number {
  const published = sqlite.prepare('SELECT published_at FROM import_batches WHERE id = ?').pluck().get(batchId) as number | null | undefined;
  if (published !== null && published !== undefined) throw new Error(`Import batch ${batchId} is published; its records are the desk's now.`);
  const ids = JSON.stringify(sqlite.prepare('SELECT id FROM calls WHERE import_batch = ? LIMIT ?').pluck().all(batchId, limit));
  for (const table of CHILD_TABLES) sqlite.prepare(`DELETE FROM ${table} WHERE call_id IN (SELECT value FROM json_each(?))`).run(ids);
  const removed = sqlite.prepare('DELETE FROM calls WHERE id IN (SELECT value FROM json_each(?))').run(ids).changes;
  if (removed === 0) {
    dropStagedRollups(sqlite, batchId);
    sqlite.prepare('DELETE FROM import_batches WHERE id = ?').run(batchId);
  }
  return removed;
}
