import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../electron/store/migrations';
import { migratingDatabase } from '../../helpers/migrating';

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('migrations', () => {
  it('are named so that they sort in the order they must run', () => {
    const names = Object.keys(MIGRATIONS);
    expect(names).toEqual([...names].sort());
    for (const name of names) expect(name).toMatch(/^\d{4}_\d{2}_\d{2}_\d{4}_[a-z0-9_]+$/);
  });

  it('go all the way down and up again', async () => {
    const { sqlite, migrator } = migratingDatabase(cleanups);
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    const { NO_MIGRATIONS } = await import('kysely');
    expect((await migrator.migrateTo(NO_MIGRATIONS)).error).toBeUndefined();
    const left = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'kysely_%' AND name NOT LIKE 'sqlite_%'").pluck().all();
    expect(left).toEqual([]);
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
  });
});

describe('migration 0002 (policy)', () => {
  it('keeps the calls logged before it and leaves them unjudged until a policy exists', async () => {
    const { sqlite, migrator } = migratingDatabase(cleanups);
    expect((await migrator.migrateTo('2026_11_23_0001_desk')).error).toBeUndefined();
    sqlite
      .prepare(
        `INSERT INTO calls (desk_code, record_no, local_date, time_zone, agent, call_at, answered_at, created_at, updated_at, reason)
         VALUES ('A03', 'CS20240520001', '2024-05-20', 'Asia/Shanghai', '李娜', 1, 2, 3, 4, '订单物流异常')`,
      )
      .run();
    expect((await migrator.migrateTo('2026_11_23_0002_policy')).error).toBeUndefined();
    const row = sqlite.prepare('SELECT record_no, reason, policy_id, resolved_at, callback_done_at FROM calls').get();
    expect(row).toEqual({ record_no: 'CS20240520001', reason: '订单物流异常', policy_id: null, resolved_at: null, callback_done_at: null });
    expect(sqlite.prepare('SELECT count(*) FROM policies').pluck().get()).toBe(0);
  });
});

describe('migration 0005 (clock flag)', () => {
  it('adds an empty clock_behind_ms to the calls logged before it, and leaves the rollups exact', async () => {
    const { sqlite, migrator } = migratingDatabase(cleanups);
    expect((await migrator.migrateTo('2026_11_23_0004_rollups')).error).toBeUndefined();
    sqlite
      .prepare(
        `INSERT INTO calls (desk_code, record_no, local_date, time_zone, agent, call_at, answered_at, created_at, updated_at, reason)
         VALUES ('A03', 'CS20240520001', '2024-05-20', 'Asia/Shanghai', '李娜', 60000, 180000, 3, 4, '订单物流异常')`,
      )
      .run();
    const rollup = () => sqlite.prepare('SELECT calls, answered, response_ms_sum FROM stats_day').get();
    expect(rollup()).toEqual({ calls: 1, answered: 1, response_ms_sum: 120000 });

    expect((await migrator.migrateTo('2026_11_23_0005_clock_flag')).error).toBeUndefined();
    expect(sqlite.prepare('SELECT record_no, reason, answered_at, clock_behind_ms FROM calls').get()).toEqual({
      record_no: 'CS20240520001',
      reason: '订单物流异常',
      answered_at: 180000,
      clock_behind_ms: null,
    });
    // The rollup triggers fire on every UPDATE of calls; flagging a record changes none of their figures.
    sqlite.prepare('UPDATE calls SET clock_behind_ms = 3600000').run();
    expect(rollup()).toEqual({ calls: 1, answered: 1, response_ms_sum: 120000 });
    expect(sqlite.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'calls_clock_behind'").pluck().get()).toBe(1);

    expect((await migrator.migrateTo('2026_11_23_0004_rollups')).error).toBeUndefined();
    expect(sqlite.prepare('SELECT record_no, answered_at FROM calls').get()).toEqual({ record_no: 'CS20240520001', answered_at: 180000 });
    expect(sqlite.prepare("SELECT count(*) FROM pragma_table_info('calls') WHERE name = 'clock_behind_ms'").pluck().get()).toBe(0);
  });
});

describe('migration 0006 (source reference)', () => {
  it('adds an empty source_ref to the calls logged before it, unique per desk once given', async () => {
    const { sqlite, migrator } = migratingDatabase(cleanups);
    expect((await migrator.migrateTo('2026_11_23_0005_clock_flag')).error).toBeUndefined();
    const insert = (desk: string, recordNo: string) =>
      sqlite
        .prepare(
          `INSERT INTO calls (desk_code, record_no, local_date, time_zone, agent, call_at, answered_at, created_at, updated_at, reason)
           VALUES (?, ?, '2024-05-01', 'Asia/Shanghai', '李娜', 60000, 180000, 3, 4, '订单物流异常')`,
        )
        .run(desk, recordNo);
    insert('A03', 'CS20240501001');
    expect((await migrator.migrateTo('2026_12_01_0006_source_ref')).error).toBeUndefined();
    expect(sqlite.prepare('SELECT record_no, reason, source_ref, untracked_targets FROM calls').get()).toEqual({ record_no: 'CS20240501001', reason: '订单物流异常', source_ref: null, untracked_targets: null });

    // Calls logged at a desk have none, as many as there are; a given reference is one record's per desk.
    insert('A03', 'CS20240501002');
    const setRef = sqlite.prepare('UPDATE calls SET source_ref = ? WHERE desk_code = ? AND record_no = ?');
    setRef.run('TECH20240501001', 'A03', 'CS20240501002');
    expect(() => setRef.run('TECH20240501001', 'A03', 'CS20240501001')).toThrow(/UNIQUE/);
    insert('B07', 'CS20240501001');
    setRef.run('TECH20240501001', 'B07', 'CS20240501001');
    expect(sqlite.prepare('SELECT count(*) FROM calls WHERE source_ref IS NULL').pluck().get()).toBe(1);
    expect(sqlite.prepare('SELECT calls, answered FROM stats_day WHERE desk_code = ?').get('A03')).toEqual({ calls: 2, answered: 2 });

    expect((await migrator.migrateTo('2026_11_23_0005_clock_flag')).error).toBeUndefined();
    expect(sqlite.prepare("SELECT count(*) FROM pragma_table_info('calls') WHERE name IN ('source_ref', 'untracked_targets')").pluck().get()).toBe(0);
    expect(sqlite.prepare('SELECT count(*) FROM calls').pluck().get()).toBe(3);
  });
});

describe('migration 0007 (policy trail)', () => {
  it('gives each version saved before it a trail row, and keeps the trail append-only', async () => {
    const { sqlite, migrator } = migratingDatabase(cleanups);
    expect((await migrator.migrateTo('2026_11_23_0005_clock_flag')).error).toBeUndefined();
    const insert = sqlite.prepare('INSERT INTO policies (effective_from, created_at, created_by, json) VALUES (?, ?, ?, ?)');
    insert.run(0, 1_000, '李娜', '{"v":1}');
    insert.run(5_000, 5_000, '王管理', '{"v":2}');

    expect((await migrator.migrateTo('2026_12_01_0007_policy_audit')).error).toBeUndefined();
    expect(sqlite.prepare('SELECT policy_id, actor, at, source, effective_from, effective_until, reason, records_rejudged, signed_off_days, completed_at FROM policy_audit ORDER BY id').all()).toEqual([
      { policy_id: 1, actor: '李娜', at: 1_000, source: 'before trail', effective_from: 0, effective_until: null, reason: null, records_rejudged: 0, signed_off_days: '[]', completed_at: 1_000 },
      { policy_id: 2, actor: '王管理', at: 5_000, source: 'before trail', effective_from: 5_000, effective_until: null, reason: null, records_rejudged: 0, signed_off_days: '[]', completed_at: 5_000 },
    ]);
    // A row under way may be completed once; then it never changes, and none is deleted.
    sqlite.prepare("INSERT INTO policy_audit (policy_id, actor, at, source, effective_from) VALUES (2, '王管理', 6000, 'cli', 0)").run();
    sqlite.prepare('UPDATE policy_audit SET records_rejudged = 12, completed_at = 7000 WHERE id = 3').run();
    expect(() => sqlite.prepare('UPDATE policy_audit SET records_rejudged = 0 WHERE id = 3').run()).toThrow(/never changes/);
    expect(() => sqlite.prepare('DELETE FROM policy_audit WHERE id = 3').run()).toThrow(/append-only/);
    expect(sqlite.prepare('SELECT records_rejudged FROM policy_audit WHERE id = 3').pluck().get()).toBe(12);

    expect((await migrator.migrateTo('2026_11_23_0005_clock_flag')).error).toBeUndefined();
    expect(sqlite.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'policy_audit'").pluck().get()).toBe(0);
    expect(sqlite.prepare('SELECT count(*) FROM policies').pluck().get()).toBe(2);
  });
});
