import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migratingDatabase, migrationBefore } from '../../helpers/migrating';

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const THIS = '2026_12_01_0009_import_batches';
const BEFORE = migrationBefore(THIS);

/** One answered call of 2024-05-20, as the desk would store it (only the columns the rollups read matter here). */
const insertCall = (sqlite: BetterSqlite3.Database, recordNo: string, batch?: number) =>
  sqlite
    .prepare(
      `INSERT INTO calls (desk_code, record_no, local_date, local_hour, time_zone, agent, call_at, answered_at, created_at, updated_at${batch === undefined ? '' : ', import_batch'})
       VALUES ('A03', ?, '2024-05-20', 14, 'Asia/Shanghai', '李娜', 1000, 61000, 1, 1${batch === undefined ? '' : ', ?'})`,
    )
    .run(...(batch === undefined ? [recordNo] : [recordNo, batch]));

describe('migration 0009 (staged import batches)', () => {
  it('keeps the figures of the calls before it; afterwards a staged call adds nothing until published, and down puts the triggers back', async () => {
    const { sqlite, migrateTo } = migratingDatabase(cleanups);
    await migrateTo(BEFORE);
    insertCall(sqlite, 'CS20240520001');
    const calls = () => sqlite.prepare("SELECT coalesce(sum(calls), 0) FROM stats_day WHERE local_date = '2024-05-20'").pluck().get();

    await migrateTo(THIS);
    expect(calls()).toBe(1);
    expect(sqlite.prepare('SELECT import_batch FROM calls').pluck().all()).toEqual([null]);
    // A call logged at the desk counts at once, as before.
    insertCall(sqlite, 'CS20240520002');
    expect(calls()).toBe(2);
    // A staged call counts in nothing, and neither its update nor its removal takes anything away.
    sqlite.prepare("INSERT INTO import_batches (file, actor, started_at) VALUES ('may.csv', '张主管', 5)").run();
    insertCall(sqlite, 'CS20240520003', 1);
    sqlite.prepare("UPDATE calls SET agent = '王芳' WHERE record_no = 'CS20240520003'").run();
    expect(calls()).toBe(2);
    sqlite.prepare("DELETE FROM calls WHERE record_no = 'CS20240520003'").run();
    expect(calls()).toBe(2);
    // Once its batch is published, an imported call is the desk's: its changes count like any other.
    insertCall(sqlite, 'CS20240520004', 1);
    sqlite.prepare('UPDATE import_batches SET published_at = 6 WHERE id = 1').run();
    sqlite.prepare("DELETE FROM calls WHERE record_no = 'CS20240520004'").run();
    expect(calls()).toBe(1);

    await migrateTo(BEFORE);
    expect(sqlite.prepare("SELECT count(*) FROM pragma_table_info('calls') WHERE name = 'import_batch'").pluck().get()).toBe(0);
    expect(sqlite.prepare("SELECT count(*) FROM sqlite_master WHERE name LIKE 'staged_%' OR name = 'import_batches'").pluck().get()).toBe(0);
    insertCall(sqlite, 'CS20240520005');
    expect(calls()).toBe(2);
  });
});
