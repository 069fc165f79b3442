import { afterEach, describe, expect, it } from 'vitest';
import { migratingDatabase, migrationBefore } from '../../helpers/migrating';

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const THIS = '2026_12_01_0010_void';
const BEFORE = migrationBefore(THIS);

describe('migration 0010 (void)', () => {
  it('keeps the calls logged before it as real ones, and from then on a voided call counts in no rollup; down counts it again', async () => {
    const { sqlite, migrateTo } = migratingDatabase(cleanups);
    await migrateTo(BEFORE);
    const insert = sqlite.prepare(
      `INSERT INTO calls (desk_code, record_no, local_date, time_zone, agent, call_at, answered_at, created_at, updated_at, reason, local_hour)
       VALUES ('A03', ?, '2024-05-20', 'Asia/Shanghai', '李娜', 60000, ?, 3, 4, ?, 14)`,
    );
    insert.run('CS20240520001', 180000, '订单物流异常');
    insert.run('CS20240520002', null, '误按新来电');
    const figures = () => ({
      day: sqlite.prepare('SELECT calls, answered, response_ms_sum FROM stats_day').get(),
      hour: sqlite.prepare('SELECT hour, calls FROM stats_hour WHERE calls <> 0').all(),
      reasons: sqlite.prepare('SELECT reason, calls FROM stats_reason WHERE calls <> 0 ORDER BY reason').all(),
      agents: sqlite.prepare('SELECT agent, calls FROM stats_agent WHERE calls <> 0').all(),
    });
    const both = figures();
    expect(both.day).toEqual({ calls: 2, answered: 1, response_ms_sum: 120000 });

    await migrateTo(THIS);
    expect(sqlite.prepare('SELECT record_no, voided_at, voided_by, void_reason FROM calls ORDER BY id').all()).toEqual([
      { record_no: 'CS20240520001', voided_at: null, voided_by: null, void_reason: null },
      { record_no: 'CS20240520002', voided_at: null, voided_by: null, void_reason: null },
    ]);
    expect(figures()).toEqual(both);

    // Voiding is an UPDATE: the guarded triggers take the call's whole share out, and keep it out.
    sqlite.prepare("UPDATE calls SET voided_at = 5, voided_by = '李娜', void_reason = '误按' WHERE record_no = 'CS20240520002'").run();
    const one = figures();
    expect(one).toEqual({
      day: { calls: 1, answered: 1, response_ms_sum: 120000 },
      hour: [{ hour: 14, calls: 1 }],
      reasons: [{ reason: '订单物流异常', calls: 1 }],
      agents: [{ agent: '李娜', calls: 1 }],
    });
    sqlite.prepare("UPDATE calls SET answered_at = 240000, reason = '改了' WHERE record_no = 'CS20240520002'").run();
    expect(figures()).toEqual(one);
    sqlite.prepare("DELETE FROM calls WHERE record_no = 'CS20240520002'").run();
    expect(figures()).toEqual(one);
    insert.run('CS20240520003', null, '误按新来电');
    sqlite.prepare("UPDATE calls SET voided_at = 6 WHERE record_no = 'CS20240520003'").run();
    expect(figures()).toEqual(one);

    await migrateTo(BEFORE);
    expect(sqlite.prepare("SELECT count(*) FROM pragma_table_info('calls') WHERE name IN ('voided_at', 'voided_by', 'void_reason')").pluck().get()).toBe(0);
    // Without the column, the record is a record again, and the old triggers keep counting exactly.
    expect((figures().day as { calls: number }).calls).toBe(2);
    sqlite.prepare("DELETE FROM calls WHERE record_no = 'CS20240520003'").run();
    expect(figures()).toEqual(one);
  });
});
