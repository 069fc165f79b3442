import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { highestStoredSerial, lastSerialOfDay } from '../../../electron/store/dailySerials';
import { removePolicyIfUnused } from '../../../electron/store/importChecks';
import { insertPolicy } from '../../../electron/store/policies';
import { openTestDesk, type TestDesk } from '../../helpers/tempStore';

let desk: TestDesk;
beforeAll(async () => {
  desk = await openTestDesk();
});
afterAll(() => desk.close());

describe('the serials a bulk numbering must start past', () => {
  it('reads the day counter (0 on a day nobody logged) and the highest serial stored, a number that is no CS number counting 0', async () => {
    const db = desk.store.db;
    expect(await lastSerialOfDay(db, 'A03', '2024-05-20')).toBe(0);
    expect(await highestStoredSerial(db, 'A03', '2024-05-20')).toBe(0);
    const first = await desk.ok('startCall', {});
    const second = await desk.ok('startCall', {});
    expect(await lastSerialOfDay(db, 'A03', '2024-05-20')).toBe(2);
    expect(await highestStoredSerial(db, 'A03', '2024-05-20')).toBe(2);
    // An archive's record came in with a number the counter never saw; another with no CS number at all.
    desk.store.sqlite.prepare('UPDATE calls SET record_no = ? WHERE id = ?').run('CS20240520017', first.id);
    desk.store.sqlite.prepare('UPDATE calls SET record_no = ? WHERE id = ?').run('paper sheet 3', second.id);
    expect(await highestStoredSerial(db, 'A03', '2024-05-20')).toBe(17);
    expect(await lastSerialOfDay(db, 'A03', '2024-05-20')).toBe(2);
    expect(await highestStoredSerial(db, 'A03', '2024-05-21')).toBe(0);
  });

  it('removes an import’s default policy only while nothing refers to it', async () => {
    const sqlite = desk.store.sqlite;
    const unused = await insertPolicy(desk.store.db, { effective_from: 0, created_at: 0, created_by: 'import', json: '{}' });
    removePolicyIfUnused(sqlite, unused);
    expect(sqlite.prepare('SELECT count(*) FROM policies WHERE id = ?').pluck().get(unused)).toBe(0);
    // Version 1, the desk's, judges the calls logged above.
    removePolicyIfUnused(sqlite, 1);
    expect(sqlite.prepare('SELECT count(*) FROM policies WHERE id = 1').pluck().get()).toBe(1);
  });
});
