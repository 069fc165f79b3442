import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { exportArchive } from '../../../electron/archive/export';
import { fillDemo } from '../../../electron/demo/generate';
import { writeBackup } from '../../../electron/durability/backup';
import type { FileHost } from '../../../electron/handlers/context';
import { rebuildRollups, type TouchedDay } from '../../../electron/store/rollups';
import { WorkerRunner } from '../../../electron/worker/bulkRunner';
import type { ImportProgress } from '../../../shared/api/importCheck';
import { openTestDesk, tempDir, type TestDesk } from '../../helpers/tempStore';
import { bulkWorkerBundle } from '../../helpers/workerBundle';

/**
 * The staged import (issue 11): its rows go in as short transactions of a
 * batch nobody sees, published at once by one small transaction. Caught half
 * way through the writing, through the real dispatcher and the worker: no
 * screen shows any of it (review, statistics, follow-ups, a backup taken
 * then); published, all of it, with the statistics exact; cancelled, nothing.
 */

const RECORDS = 4000;
const NOW = Date.UTC(2024, 6, 1, 6);
const JUNE = { from: '2024-06-01', to: '2024-06-30' };
const ROLLUPS = ['stats_day', 'stats_hour', 'stats_dim', 'stats_agent', 'stats_reason', 'stats_response'];
const folder = tempDir('hotline-staged-');
const month = path.join(folder.dir, 'june.csv');
let workerFile: string;
let target: TestDesk;
let bulk: WorkerRunner;

const opening = (file: string): FileHost => ({
  exportTarget: async () => null,
  importSource: async () => ({ file, fileName: path.basename(file) }),
});

beforeAll(async () => {
  workerFile = await bulkWorkerBundle();
  const source = await openTestDesk({ now: NOW, file: path.join(folder.dir, 'source.db') });
  await fillDemo(source.store, { records: RECORDS, days: 30, seed: 'staged', until: '2024-06-30', append: true, today: NOW });
  await exportArchive(source.store.db, { filter: JUNE, format: 'csv', file: month, now: NOW });
  await source.close();
}, 120_000);
beforeEach(async () => {
  await target?.ctx.bulk?.close();
  await target?.close();
  target = await openTestDesk({ now: NOW, file: path.join(folder.dir, `target-${Date.now()}.db`) });
  bulk = new WorkerRunner(workerFile, { file: target.file });
  Object.assign(target.ctx, { bulk, files: opening(month) });
});
afterAll(async () => {
  await bulk?.close();
  await target?.close();
  folder.remove();
});

/** Waits until the import is writing and has written some of its records, but not all. */
async function halfWritten(): Promise<ImportProgress> {
  for (;;) {
    const seen = await target.ok('importProgress', {});
    if (seen?.writing && seen.written > 0 && seen.written < seen.toWrite) return seen;
    if (seen === null) throw new Error('the import ended before it was caught writing');
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

/** What the desk's screens show of June. */
async function shown(): Promise<{ review: number; statistics: number; followUps: number }> {
  const review = (await target.ok('reviewRecords', JUNE)).total;
  const statistics = (await target.ok('getStats', JUNE)).kpis.calls;
  const followUps = (await target.ok('listFollowUps', {})).length;
  return { review, statistics, followUps };
}

const count = (sql: string) => target.store.sqlite.prepare(sql).pluck().get() as number;
const rollupRows = () => ROLLUPS.map((t) => target.store.sqlite.prepare(`SELECT * FROM ${t} WHERE calls <> 0`).all().map((r) => JSON.stringify(r)).sort());

describe('a staged import', () => {
  it('shows nothing of the file while it writes, then all of it at once, with the statistics exact', async () => {
    const before = await shown();
    expect(before).toEqual({ review: 0, statistics: 0, followUps: 0 });
    const answer = target.call('importArchive', {});
    const progress = await halfWritten();
    expect(progress.toWrite).toBe(RECORDS);
    // Rows are stored (hidden) while no screen shows them.
    expect(count('SELECT count(*) FROM calls')).toBeGreaterThan(0);
    expect(await shown()).toEqual(before);
    // A backup taken now holds none of them: restoring it must not bring back half a file.
    const copy = path.join(folder.dir, `mid-import-${Date.now()}.db`);
    await writeBackup(target.store.sqlite, copy);
    const backup = new BetterSqlite3(copy, { readonly: true });
    expect(backup.prepare('SELECT count(*) FROM calls').pluck().get()).toBe(0);
    expect(backup.prepare('SELECT count(*) FROM import_batches').pluck().get()).toBe(0);
    backup.close();

    expect(await answer).toMatchObject({ ok: true, value: { imported: RECORDS } });
    const after = await shown();
    expect(after.review).toBe(RECORDS);
    expect(after.statistics).toBe(RECORDS);
    expect(after.followUps).toBeGreaterThan(0);
    // The rollups the publish added are those a rebuild from the records gives.
    const published = rollupRows();
    const days = target.store.sqlite.prepare('SELECT DISTINCT desk_code, local_date FROM calls').all() as TouchedDay[];
    target.store.sqlite.exec('BEGIN IMMEDIATE');
    try {
      rebuildRollups(target.store.sqlite, days);
      expect(published).toEqual(rollupRows());
    } finally {
      target.store.sqlite.exec('ROLLBACK');
    }
    expect(count('SELECT count(*) FROM staged_stats_day')).toBe(0);
    expect(count('SELECT count(*) FROM import_batches WHERE published_at IS NULL')).toBe(0);
  }, 60_000);

  it('keeps taking the desk’s clicks while it writes, and a call logged meanwhile on a day of the file gets a number past the file’s', async () => {
    const answer = target.call('importArchive', {});
    await halfWritten();
    // 2024-06-15 15:00 in Shanghai: a day the file fills with its own record numbers.
    target.clock.ms = Date.UTC(2024, 5, 15, 7);
    const call = await target.ok('startCall', {});
    await target.ok('addStep', { id: call.id, text: '导入期间的来电' });
    expect(await answer).toMatchObject({ ok: true, value: { imported: RECORDS } });
    const day = target.store.sqlite.prepare("SELECT record_no FROM calls WHERE local_date = '2024-06-15' AND id <> ?").pluck().all(call.id) as string[];
    expect(day.length).toBeGreaterThan(10);
    const serial = (recordNo: string) => Number(recordNo.slice(10));
    expect(serial(call.recordNo)).toBeGreaterThan(Math.max(...day.map(serial)));
    expect((await target.ok('getCall', { id: call.id })).steps).toHaveLength(1);
    expect((await target.ok('reviewRecords', JUNE)).total).toBe(RECORDS + 1);
  }, 60_000);

  it('cancelled while it writes, leaves nothing of the file, and the next import brings it whole', async () => {
    const answer = target.call('importArchive', {});
    await halfWritten();
    expect(await target.ok('cancelImport', {})).toMatchObject({ cancelling: true });
    expect(await answer).toMatchObject({ ok: false, error: { code: 'import_cancelled' } });
    expect(count('SELECT count(*) FROM calls')).toBe(0);
    expect(count('SELECT count(*) FROM steps')).toBe(0);
    expect(count('SELECT count(*) FROM import_batches')).toBe(0);
    expect(count('SELECT count(*) FROM staged_stats_day')).toBe(0);
    expect(await shown()).toEqual({ review: 0, statistics: 0, followUps: 0 });
    expect(await target.call('importArchive', {})).toMatchObject({ ok: true, value: { imported: RECORDS } });
    expect((await shown()).review).toBe(RECORDS);
  }, 60_000);
});
