import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BulkCallWriter, type BulkCall } from '../../../electron/store/bulkCalls';
import { openBatch, publishBatch } from '../../../electron/store/importBatches';
import { clearPushed, linkTeam, outboxCounts, parkEntry, unlinkTeam, unparkChanged, waitingEntries } from '../../../electron/store/outbox';
import { openTestDesk, type TestDesk } from '../../helpers/tempStore';

// The outbox of the team server (migration 0011): every committed change of one
// of the desk's own records marks it, in the same transaction, whatever wrote it.
let desk: TestDesk;
beforeEach(async () => {
  desk = await openTestDesk();
});
afterEach(() => desk.close());

const link = () => desk.store.sqlite.transaction(() => linkTeam(desk.store.sqlite, { role: 'desk', instance: 'pc-1', linkedAt: desk.clock.ms }))();
const entries = () => desk.store.sqlite.prepare('SELECT call_id, seq FROM outbox ORDER BY seq').all() as Array<{ call_id: number; seq: number }>;
const seqOf = (id: number) => entries().find((e) => e.call_id === id)?.seq;

/** A copy of a logged call's row under another record number (and desk, or import batch). */
function copyOf(id: number, changes: Partial<BulkCall>): BulkCall {
  const { id: _id, ...row } = desk.store.sqlite.prepare('SELECT * FROM calls WHERE id = ?').get(id) as BulkCall & { id: number };
  return { ...row, ...changes };
}

describe('the team outbox', () => {
  it('marks nothing while the desk is not linked', async () => {
    const call = await desk.ok('startCall', {});
    await desk.ok('answerCall', { id: call.id });
    expect(entries()).toEqual([]);
  });

  it('queues every record the desk already has when it links, one entry each, in order', async () => {
    const a = await desk.ok('startCall', {});
    desk.clock.advance(1);
    const b = await desk.ok('startCall', {});
    expect(link()).toBe(2);
    expect(entries()).toEqual([
      { call_id: a.id, seq: 1 },
      { call_id: b.id, seq: 2 },
    ]);
  });

  it('marks a record again, with a newer sequence, on each change of it or of its children', async () => {
    const a = await desk.ok('startCall', {});
    link();
    const first = seqOf(a.id)!;
    await desk.ok('answerCall', { id: a.id });
    const answered = seqOf(a.id)!;
    expect(answered).toBeGreaterThan(first);
    await desk.ok('addStep', { id: a.id, text: '已联系维修班组' });
    expect(seqOf(a.id)!).toBeGreaterThan(answered);
    expect(entries()).toHaveLength(1);
    const b = await desk.ok('startCall', {});
    expect(seqOf(b.id)!).toBeGreaterThan(seqOf(a.id)!);
  });

  it('marks within the change\'s own transaction: a change rolled back leaves no mark', async () => {
    const a = await desk.ok('startCall', {});
    link();
    const before = entries();
    const sqlite = desk.store.sqlite;
    expect(() =>
      sqlite.transaction(() => {
        sqlite.prepare("UPDATE calls SET remarks = 'x' WHERE id = ?").run(a.id);
        throw new Error('power cut');
      })(),
    ).toThrow('power cut');
    expect(entries()).toEqual(before);
  });

  it("leaves other desks' records (merged from Excel) and a staged import's rows out, and marks the import when it is published", async () => {
    const a = await desk.ok('startCall', {});
    link();
    const sqlite = desk.store.sqlite;
    const writer = new BulkCallWriter(sqlite);
    const other = sqlite.transaction(() => writer.call(copyOf(a.id, { desk_code: 'B07', record_no: 'B0720240520001' })))();
    const batch = sqlite.transaction(() => openBatch(sqlite, { file: 'seed.xlsx', actor: '李娜', now: desk.clock.ms }))();
    const staged = sqlite.transaction(() => {
      const id = writer.call(copyOf(a.id, { record_no: 'A0320240520900', import_batch: batch }));
      writer.step(id, { n: 1, at: desk.clock.ms, author: '李娜', text: 'from the sheet' });
      writer.flush();
      return id;
    })();
    expect(entries().map((e) => e.call_id)).toEqual([a.id]);
    expect([other, staged].map(seqOf)).toEqual([undefined, undefined]);
    sqlite.transaction(() => publishBatch(sqlite, batch, desk.clock.ms))();
    expect(entries().map((e) => e.call_id)).toEqual([a.id, staged]);
    // The next click's mark comes after the published ones.
    await desk.ok('addStep', { id: a.id, text: '回访' });
    expect(entries().map((e) => e.call_id)).toEqual([staged, a.id]);
  });

  it('clears an acknowledged entry only if its record did not change again meanwhile', async () => {
    const a = await desk.ok('startCall', {});
    const b = await desk.ok('startCall', {});
    link();
    const sent = await waitingEntries(desk.store.db, 10);
    await desk.ok('answerCall', { id: a.id });
    await clearPushed(desk.store.db, sent);
    expect(entries().map((e) => e.call_id)).toEqual([a.id]);
    expect(seqOf(b.id)).toBeUndefined();
  });

  it('parks a refused entry out of the queue, and tries it again once its record changes', async () => {
    const a = await desk.ok('startCall', {});
    const b = await desk.ok('startCall', {});
    link();
    await parkEntry(desk.store.db, { call_id: a.id, seq: seqOf(a.id)! }, 'record_no_invalid', desk.clock.ms);
    expect((await waitingEntries(desk.store.db, 10)).map((e) => e.call_id)).toEqual([b.id]);
    expect(await outboxCounts(desk.store.db)).toEqual({ waiting: 2, parked: 1 });
    await desk.ok('addStep', { id: a.id, text: '更正' });
    await unparkChanged(desk.store.db);
    expect((await waitingEntries(desk.store.db, 10)).map((e) => e.call_id)).toEqual([b.id, a.id]);
  });

  it('unlinking drops the queue and keeps every record', async () => {
    await desk.ok('startCall', {});
    link();
    desk.store.sqlite.transaction(() => unlinkTeam(desk.store.sqlite))();
    expect(await outboxCounts(desk.store.db)).toEqual({ waiting: 0, parked: 0 });
    expect(desk.store.sqlite.prepare('SELECT count(*) FROM calls').pluck().get()).toBe(1);
    await desk.ok('startCall', {});
    expect(entries()).toEqual([]);
  });
});
