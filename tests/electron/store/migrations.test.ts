import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../electron/store/migrations';
import { migratingDatabase, migrationBefore } from '../../helpers/migrating';

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

  it('each have a test of their own: a describe named after their number in tests/electron/store', () => {
    const titles = fs
      .readdirSync(__dirname)
      .filter((f) => f.endsWith('.test.ts'))
      .flatMap((f) => [...fs.readFileSync(path.join(__dirname, f), 'utf8').matchAll(/describe\('migration (\d{4}) /g)].map((m) => m[1]));
    const numbers = Object.keys(MIGRATIONS).map((name) => name.split('_')[3]);
    expect(numbers.filter((n) => !titles.includes(n))).toEqual([]);
  });

  it('go all the way down and up again', async () => {
    const { sqlite, migrateTo } = migratingDatabase(cleanups);
    await migrateTo('latest');
    await migrateTo('none');
    const left = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'kysely_%' AND name NOT LIKE 'sqlite_%'").pluck().all();
    expect(left).toEqual([]);
    await migrateTo('latest');
  });
});

describe('migration 0001 (desk)', () => {
  it('makes the desk, its calls, transfers, steps and daily serials; keeps no more of a phone than four digits, and a record number once per desk', async () => {
    const { sqlite, migrateTo } = migratingDatabase(cleanups);
    await migrateTo('0001');
    const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'kysely_%' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all();
    expect(tables).toEqual(['calls', 'daily_serials', 'desk', 'steps', 'transfers']);
    sqlite.prepare("INSERT INTO desk (id, code, time_zone, agent_name, created_at) VALUES (1, 'A03', 'Asia/Shanghai', '李娜', 1)").run();
    expect(() => sqlite.prepare("INSERT INTO desk (id, code, time_zone, agent_name, created_at) VALUES (2, 'B07', 'Asia/Shanghai', '王芳', 1)").run()).toThrow(/CHECK/);
    const insert = sqlite.prepare(
      `INSERT INTO calls (desk_code, record_no, local_date, time_zone, agent, call_at, created_at, updated_at, phone_last4)
       VALUES (?, 'CS20240520001', '2024-05-20', 'Asia/Shanghai', '李娜', 1, 1, 1, ?)`,
    );
    expect(() => insert.run('A03', '13800138000')).toThrow(/CHECK/);
    insert.run('A03', '8000');
    expect(() => insert.run('A03', '8000')).toThrow(/UNIQUE/);
    insert.run('B07', null);
    expect(sqlite.prepare('SELECT desk_code, phone_last4 FROM calls ORDER BY id').all()).toEqual([
      { desk_code: 'A03', phone_last4: '8000' },
      { desk_code: 'B07', phone_last4: null },
    ]);

    await migrateTo('none');
    expect(sqlite.prepare("SELECT count(*) FROM sqlite_master WHERE name IN ('calls', 'daily_serials', 'desk', 'steps', 'transfers')").pluck().get()).toBe(0);
  });
});

describe('migration 0002 (policy)', () => {
  it('keeps the calls logged before it and leaves them unjudged until a policy exists', async () => {
    const { sqlite, migrateTo } = migratingDatabase(cleanups);
    await migrateTo('2026_11_23_0001_desk');
    sqlite
      .prepare(
        `INSERT INTO calls (desk_code, record_no, local_date, time_zone, agent, call_at, answered_at, created_at, updated_at, reason)
         VALUES ('A03', 'CS20240520001', '2024-05-20', 'Asia/Shanghai', '李娜', 1, 2, 3, 4, '订单物流异常')`,
      )
      .run();
    await migrateTo('2026_11_23_0002_policy');
    const row = sqlite.prepare('SELECT record_no, reason, policy_id, resolved_at, callback_done_at FROM calls').get();
    expect(row).toEqual({ record_no: 'CS20240520001', reason: '订单物流异常', policy_id: null, resolved_at: null, callback_done_at: null });
    expect(sqlite.prepare('SELECT count(*) FROM policies').pluck().get()).toBe(0);
  });
});

describe('migration 0003 (review)', () => {
  it('makes whoever set the desk up its admin, links the calls logged before it to their agent, and keeps the audit trail append-only', async () => {
    const { sqlite, migrateTo } = migratingDatabase(cleanups);
    await migrateTo(migrationBefore('0003'));
    sqlite.prepare("INSERT INTO desk (id, code, time_zone, agent_name, created_at) VALUES (1, 'A03', 'Asia/Shanghai', '李娜', 1000)").run();
    sqlite
      .prepare(
        `INSERT INTO calls (desk_code, record_no, local_date, time_zone, agent, call_at, answered_at, created_at, updated_at, reason)
         VALUES ('A03', 'CS20240520001', '2024-05-20', 'Asia/Shanghai', '李娜', 1, 2, 3, 4, '订单物流异常')`,
      )
      .run();

    await migrateTo('0003');
    expect(sqlite.prepare('SELECT id, name, role, pin_hash, active, created_at FROM users').all()).toEqual([
      { id: 1, name: '李娜', role: 'admin', pin_hash: null, active: 1, created_at: 1000 },
    ]);
    expect(sqlite.prepare('SELECT record_no, agent, agent_id, reason, response_due_at, local_hour FROM calls').get()).toEqual({
      record_no: 'CS20240520001',
      agent: '李娜',
      agent_id: 1,
      reason: '订单物流异常',
      response_due_at: null,
      local_hour: null,
    });
    expect(() => sqlite.prepare("INSERT INTO users (name, role, created_at) VALUES ('王芳', 'boss', 2)").run()).toThrow(/CHECK/);
    sqlite.prepare("INSERT INTO audit_log (call_id, field, old_value, new_value, actor, at) VALUES (1, 'reason', NULL, '订单物流异常', '李娜', 5)").run();
    expect(() => sqlite.prepare("UPDATE audit_log SET new_value = '改了'").run()).toThrow(/append-only/);
    expect(() => sqlite.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);

    await migrateTo(migrationBefore('0003'));
    expect(sqlite.prepare("SELECT count(*) FROM sqlite_master WHERE name IN ('users', 'audit_log', 'day_signoffs', 'improvement_measures')").pluck().get()).toBe(0);
    expect(sqlite.prepare("SELECT count(*) FROM pragma_table_info('calls') WHERE name IN ('agent_id', 'response_due_at', 'local_hour')").pluck().get()).toBe(0);
    expect(sqlite.prepare('SELECT record_no, reason FROM calls').get()).toEqual({ record_no: 'CS20240520001', reason: '订单物流异常' });
  });
});

describe('migration 0004 (rollups)', () => {
  it('counts the calls logged before it in one pass, keeps the figures exact on every insert, update and delete, and down leaves the calls', async () => {
    const { sqlite, migrateTo } = migratingDatabase(cleanups);
    await migrateTo(migrationBefore('0004'));
    const insert = sqlite.prepare(
      `INSERT INTO calls (desk_code, record_no, local_date, time_zone, agent, call_at, answered_at, response_due_at, created_at, updated_at, reason, local_hour)
       VALUES ('A03', ?, '2024-05-20', 'Asia/Shanghai', '李娜', 60000, ?, 960000, 3, 4, ?, 14)`,
    );
    insert.run('CS20240520001', 180000, '订单物流异常');
    insert.run('CS20240520002', null, '订单退款');
    const day = () => sqlite.prepare('SELECT calls, answered, response_ms_sum, response_met, response_late FROM stats_day').get();
    const reasons = () => sqlite.prepare('SELECT reason, calls FROM stats_reason WHERE calls <> 0 ORDER BY reason').all();

    await migrateTo('0004');
    expect(day()).toEqual({ calls: 2, answered: 1, response_ms_sum: 120000, response_met: 1, response_late: 0 });
    expect(reasons()).toEqual([
      { reason: '订单物流异常', calls: 1 },
      { reason: '订单退款', calls: 1 },
    ]);
    // Answered late, a third call, the first deleted: each write moves exactly its own share.
    sqlite.prepare("UPDATE calls SET answered_at = 1200000 WHERE record_no = 'CS20240520002'").run();
    insert.run('CS20240520003', 120000, '订单退款');
    sqlite.prepare("DELETE FROM calls WHERE record_no = 'CS20240520001'").run();
    expect(day()).toEqual({ calls: 2, answered: 2, response_ms_sum: 1200000, response_met: 1, response_late: 1 });
    expect(reasons()).toEqual([{ reason: '订单退款', calls: 2 }]);
    expect(sqlite.prepare('SELECT tenth, calls FROM stats_response WHERE calls <> 0 ORDER BY tenth').all()).toEqual([
      { tenth: 10, calls: 1 },
      { tenth: 190, calls: 1 },
    ]);

    await migrateTo(migrationBefore('0004'));
    expect(sqlite.prepare("SELECT count(*) FROM sqlite_master WHERE name LIKE 'stats_%' OR name = 'calls_running'").pluck().get()).toBe(0);
    expect(sqlite.prepare('SELECT record_no FROM calls ORDER BY id').pluck().all()).toEqual(['CS20240520002', 'CS20240520003']);
  });
});

describe('migration 0005 (clock flag)', () => {
  it('adds an empty clock_behind_ms to the calls logged before it, and leaves the rollups exact', async () => {
    const { sqlite, migrateTo } = migratingDatabase(cleanups);
    await migrateTo('2026_11_23_0004_rollups');
    sqlite
      .prepare(
        `INSERT INTO calls (desk_code, record_no, local_date, time_zone, agent, call_at, answered_at, created_at, updated_at, reason)
         VALUES ('A03', 'CS20240520001', '2024-05-20', 'Asia/Shanghai', '李娜', 60000, 180000, 3, 4, '订单物流异常')`,
      )
      .run();
    const rollup = () => sqlite.prepare('SELECT calls, answered, response_ms_sum FROM stats_day').get();
    expect(rollup()).toEqual({ calls: 1, answered: 1, response_ms_sum: 120000 });

    await migrateTo('2026_11_23_0005_clock_flag');
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

    await migrateTo('2026_11_23_0004_rollups');
    expect(sqlite.prepare('SELECT record_no, answered_at FROM calls').get()).toEqual({ record_no: 'CS20240520001', answered_at: 180000 });
    expect(sqlite.prepare("SELECT count(*) FROM pragma_table_info('calls') WHERE name = 'clock_behind_ms'").pluck().get()).toBe(0);
  });
});

describe('migration 0006 (source reference)', () => {
  it('adds an empty source_ref to the calls logged before it, unique per desk once given', async () => {
    const { sqlite, migrateTo } = migratingDatabase(cleanups);
    await migrateTo('2026_11_23_0005_clock_flag');
    const insert = (desk: string, recordNo: string) =>
      sqlite
        .prepare(
          `INSERT INTO calls (desk_code, record_no, local_date, time_zone, agent, call_at, answered_at, created_at, updated_at, reason)
           VALUES (?, ?, '2024-05-01', 'Asia/Shanghai', '李娜', 60000, 180000, 3, 4, '订单物流异常')`,
        )
        .run(desk, recordNo);
    insert('A03', 'CS20240501001');
    await migrateTo('2026_12_01_0006_source_ref');
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

    await migrateTo('2026_11_23_0005_clock_flag');
    expect(sqlite.prepare("SELECT count(*) FROM pragma_table_info('calls') WHERE name IN ('source_ref', 'untracked_targets')").pluck().get()).toBe(0);
    expect(sqlite.prepare('SELECT count(*) FROM calls').pluck().get()).toBe(3);
  });
});

describe('migration 0007 (policy trail)', () => {
  it('gives each version saved before it a trail row, and keeps the trail append-only', async () => {
    const { sqlite, migrateTo } = migratingDatabase(cleanups);
    await migrateTo('2026_11_23_0005_clock_flag');
    const insert = sqlite.prepare('INSERT INTO policies (effective_from, created_at, created_by, json) VALUES (?, ?, ?, ?)');
    insert.run(0, 1_000, '李娜', '{"v":1}');
    insert.run(5_000, 5_000, '王管理', '{"v":2}');

    await migrateTo('2026_12_01_0007_policy_audit');
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

    await migrateTo('2026_11_23_0005_clock_flag');
    expect(sqlite.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'policy_audit'").pluck().get()).toBe(0);
    expect(sqlite.prepare('SELECT count(*) FROM policies').pluck().get()).toBe(2);
  });
});
