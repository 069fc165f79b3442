import { afterEach, describe, expect, it } from 'vitest';
import { migratingDatabase } from '../../helpers/migrating';

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('migration 0011 (team outbox)', () => {
  it('leaves a desk that never linked as it was: its calls and their changes mark nothing; once linked, a change marks its record; down removes it all', async () => {
    const { sqlite, migrateTo } = migratingDatabase(cleanups);
    await migrateTo('0010');
    sqlite.prepare("INSERT INTO desk (id, code, time_zone, agent_name, created_at) VALUES (1, 'A03', 'Asia/Shanghai', '李娜', 1)").run();
    const insert = sqlite.prepare(
      `INSERT INTO calls (desk_code, record_no, local_date, time_zone, agent, call_at, created_at, updated_at, local_hour)
       VALUES (?, ?, '2024-05-20', 'Asia/Shanghai', '李娜', 60000, 3, 4, 14)`,
    );
    const own = Number(insert.run('A03', 'CS20240520001').lastInsertRowid);

    await migrateTo('0011');
    const outbox = () => sqlite.prepare('SELECT call_id, seq FROM outbox ORDER BY seq').all();
    sqlite.prepare("UPDATE calls SET remarks = '已回访' WHERE id = ?").run(own);
    sqlite.prepare("INSERT INTO steps (call_id, n, at, author, text) VALUES (?, 1, 70000, '李娜', '已联系')").run(own);
    expect(outbox()).toEqual([]);

    sqlite.prepare("INSERT INTO team_link (id, linked_at, role, instance) VALUES (1, 5, 'desk', 'pc-1')").run();
    const other = Number(insert.run('B07', 'CS20240520001').lastInsertRowid);
    sqlite.prepare("UPDATE calls SET remarks = '改' WHERE id IN (?, ?)").run(own, other);
    expect(outbox()).toEqual([{ call_id: own, seq: 1 }]);
    sqlite.prepare('DELETE FROM steps WHERE call_id = ?').run(own);
    expect(outbox()).toEqual([{ call_id: own, seq: 2 }]);
    expect(sqlite.prepare('SELECT last_seq FROM team_link').pluck().get()).toBe(2);
    // There is only ever one link.
    expect(() => sqlite.prepare("INSERT INTO team_link (id, linked_at, role, instance) VALUES (2, 5, 'desk', 'pc-2')").run()).toThrow(/CHECK/);

    await migrateTo('0010');
    const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE name LIKE '%outbox%' OR name LIKE 'team_link%'").pluck().all();
    expect(tables).toEqual([]);
    sqlite.prepare("UPDATE calls SET remarks = '再改' WHERE id = ?").run(own);
    expect(sqlite.prepare('SELECT count(*) FROM calls').pluck().get()).toBe(2);
  });
});
