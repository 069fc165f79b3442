import type BetterSqlite3 from 'better-sqlite3';
import { BulkCallWriter, serialRaiser } from '../store/bulkCalls';
import { foldWal, skipSyncForBulkLoad, widenPageCache } from '../store/sqliteFile';
import type { DemoCall } from './callStory';

/**
 * Writes the demo calls through the store's bulk insert (store/bulkCalls.ts),
 * many thousand rows per transaction: a million calls bring four million rows
 * (calls, steps, transfers, reasons).
 */

/** What the generator hands the writer: a call, or a day's final serial (written with that day's first call). */
export type DemoItem = { kind: 'call'; call: DemoCall } | { kind: 'serial'; deskCode: string; localDate: string; lastSerial: number };

/** Calls per transaction: large enough that commits cost nothing, small enough that progress shows. */
export const BATCH_SIZE = 20_000;

/**
 * Drains `items` into the database, BATCH_SIZE calls per BEGIN IMMEDIATE transaction,
 * calling `onBatch` with the running total after each commit. Returns the calls written.
 */
export function writeDemo(sqlite: BetterSqlite3.Database, items: Iterator<DemoItem>, onBatch: (written: number) => void): number {
  const writer = new BulkCallWriter(sqlite);
  // A day's serial is written up front with its final value: a load cut short leaves a gap, never a reused number.
  const raiseSerial = serialRaiser(sqlite);

  const writeCall = ({ row, transfers, steps, reasons }: DemoCall): void => {
    const id = writer.call(row);
    for (const t of transfers) writer.transfer(id, t);
    for (const s of steps) writer.step(id, s);
    for (const r of reasons) writer.reason(id, r, r.author, r.at);
  };
  const batch = sqlite.transaction((): { calls: number; done: boolean } => {
    let calls = 0;
    while (calls < BATCH_SIZE) {
      const next = items.next();
      if (next.done) {
        writer.flush();
        return { calls, done: true };
      }
      const item = next.value;
      if (item.kind === 'serial') raiseSerial(item.deskCode, item.localDate, item.lastSerial);
      else {
        writeCall(item.call);
        calls++;
      }
    }
    // The steps held back go in before the commit.
    writer.flush();
    return { calls, done: false };
  });

  // The demo's file is disposable: no fsync per commit during the load (restored right after).
  const restoreSync = skipSyncForBulkLoad(sqlite);
  // Six indexes on calls: a larger page cache keeps their hot pages in memory during the load.
  const restoreCache = widenPageCache(sqlite, 131072);
  let written = 0;
  try {
    for (;;) {
      const { calls, done } = batch.immediate();
      written += calls;
      if (calls > 0) onBatch(written);
      if (done) return written;
    }
  } finally {
    restoreCache();
    restoreSync();
    foldWal(sqlite);
  }
}
