import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BulkCallWriter, serialRaiser, type BulkCall } from '../../../electron/store/bulkCalls';
import { openTestDesk, type TestDesk } from '../../helpers/tempStore';

let desk: TestDesk;
beforeAll(async () => {
  desk = await openTestDesk();
});
afterAll(() => desk.close());

const counter = (date: string) => desk.store.sqlite.prepare("SELECT last_serial FROM daily_serials WHERE desk_code = 'A03' AND local_date = ?").pluck().get(date);

describe('the bulk insert of calls', () => {
  it('raises a day serial only upwards: a lower number never brings a handed-out serial back', () => {
    const raise = serialRaiser(desk.store.sqlite);
    raise('A03', '2024-04-01', 7);
    expect(counter('2024-04-01')).toBe(7);
    raise('A03', '2024-04-01', 3);
    expect(counter('2024-04-01')).toBe(7);
    raise('A03', '2024-04-01', 12);
    expect(counter('2024-04-01')).toBe(12);
  });

  it('writes a call with its transfer, miss reason and steps, the steps sixteen a statement and the rest at flush', async () => {
    const logged = await desk.ok('startCall', {});
    const { id: _id, ...source } = desk.store.sqlite.prepare('SELECT * FROM calls WHERE id = ?').get(logged.id) as BulkCall & { id: number };
    const sqlite = desk.store.sqlite;
    const writer = new BulkCallWriter(sqlite);
    const written = sqlite.transaction(() => {
      const id = writer.call({ ...source, record_no: 'A0320240401001', local_date: '2024-04-01', import_batch: null });
      writer.transfer(id, { seq: 1, to_owner: 'tech', transferred_at: source.call_at + 1000, answered_at: null, due_at: null });
      writer.reason(id, { kind: 'response', idx: 0, code: 'busy', text: null }, '李娜', source.call_at);
      for (let n = 1; n <= 19; n++) writer.step(id, { n, at: source.call_at + n, author: '李娜', text: `step ${n}` });
      // Sixteen went in with the sixteenth; three wait for the flush.
      expect(sqlite.prepare('SELECT count(*) FROM steps WHERE call_id = ?').pluck().get(id)).toBe(16);
      return { id, steps: writer.flush() };
    })();
    expect(written.steps).toBe(19);
    expect(sqlite.prepare('SELECT n FROM steps WHERE call_id = ? ORDER BY id').pluck().all(written.id)).toEqual(Array.from({ length: 19 }, (_, i) => i + 1));
    expect(sqlite.prepare('SELECT record_no, agent, import_batch FROM calls WHERE id = ?').get(written.id)).toEqual({ record_no: 'A0320240401001', agent: source.agent, import_batch: null });
    expect(sqlite.prepare('SELECT seq, to_owner FROM transfers WHERE call_id = ?').all(written.id)).toEqual([{ seq: 1, to_owner: 'tech' }]);
    expect(sqlite.prepare('SELECT kind, code, author FROM miss_reasons WHERE call_id = ?').all(written.id)).toEqual([{ kind: 'response', code: 'busy', author: '李娜' }]);
  });
});
