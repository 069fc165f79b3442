import { afterEach, describe, expect, it } from 'vitest';
import { migratingDatabase } from '../../helpers/migrating';

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('migration 0015 (phone outbox)', () => {
  it("marks nothing while unlinked; once linked, a phone call's change and the desk's own missed calls take the desk's one sequence; down removes it all", async () => {
    const { sqlite, migrateTo } = migratingDatabase(cleanups);
    await migrateTo('0014');
    sqlite.prepare("INSERT INTO desk (id, code, time_zone, agent_name, created_at) VALUES (1, 'A03', 'Asia/Shanghai', '李娜', 1)").run();
    const phone = sqlite.prepare(
      `INSERT INTO phone_calls (pbx, call_id, system, direction, clock, offered_at, local_date, local_hour, updated_at)
       VALUES ('pbx1', ?, 'ami', 'in', 'pbx', 1, '2024-05-20', 14, 1)`,
    );
    const missed = sqlite.prepare(
      `INSERT INTO missed_calls (desk_code, missed_no, local_date, local_hour, time_zone, call_at, ended_at, wait_sec, cause, pbx, call_id, created_at)
       VALUES (?, ?, '2024-05-20', 14, 'Asia/Shanghai', 1, 2, 1, 'abandoned', 'pbx1', ?, 2)`,
    );
    const before = Number(phone.run('L0').lastInsertRowid);

    await migrateTo('0015');
    const outbox = () => sqlite.prepare('SELECT kind, row_id, seq FROM phone_outbox ORDER BY seq').all();
    sqlite.prepare("UPDATE phone_calls SET agent = 'PJSIP/1001' WHERE id = ?").run(before);
    expect(outbox()).toEqual([]);

    sqlite.prepare("INSERT INTO team_link (id, linked_at, role, instance) VALUES (1, 5, 'desk', 'pc-1')").run();
    // A record change takes a sequence too: one sequence for both outboxes.
    sqlite.prepare(`INSERT INTO calls (desk_code, record_no, local_date, time_zone, agent, call_at, created_at, updated_at, local_hour) VALUES ('A03', 'CS20240520001', '2024-05-20', 'Asia/Shanghai', '李娜', 1, 1, 1, 14)`).run();
    const call = Number(phone.run('L1').lastInsertRowid);
    const own = Number(missed.run('A03', 'MC20240520001', 'Q1').lastInsertRowid);
    missed.run('B07', 'MC20240520009', 'Q2');
    sqlite.prepare('UPDATE phone_calls SET ended_at = 9 WHERE id = ?').run(call);
    expect(outbox()).toEqual([
      { kind: 'missed', row_id: own, seq: 3 },
      { kind: 'call', row_id: call, seq: 4 },
    ]);
    expect(sqlite.prepare('SELECT call_id, seq FROM outbox').all()).toEqual([{ call_id: 1, seq: 1 }]);

    await migrateTo('0014');
    expect(sqlite.prepare("SELECT name FROM sqlite_master WHERE name LIKE 'phone_outbox%' OR name = 'queue_snapshots'").pluck().all()).toEqual([]);
    sqlite.prepare('UPDATE phone_calls SET ended_at = 10 WHERE id = ?').run(call);
    expect(sqlite.prepare('SELECT count(*) FROM phone_calls').pluck().get()).toBe(2);
  });
});
