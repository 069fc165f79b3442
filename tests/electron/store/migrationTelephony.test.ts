import { afterEach, describe, expect, it } from 'vitest';
import { migratingDatabase } from '../../helpers/migrating';

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('migration 0014 (telephony)', () => {
  it('keeps a call once per (pbx, call id), only ever four digits of a number; down removes the tables', async () => {
    const { sqlite, migrateTo } = migratingDatabase(cleanups);
    await migrateTo('0014');
    const phone = sqlite.prepare(
      "INSERT INTO phone_calls (pbx, call_id, system, direction, number_last4, clock, offered_at, local_date, local_hour, updated_at) VALUES ('pbx1', ?, 'ami', 'in', ?, 'pbx', 1, '2024-05-20', 14, 1)",
    );
    phone.run('L1', '8000');
    expect(() => phone.run('L1', '8000')).toThrow(/UNIQUE/);
    expect(() => phone.run('L2', '13800138000')).toThrow(/CHECK/);
    expect(() => phone.run('L3', '80a0')).toThrow(/CHECK/);
    const missed = sqlite.prepare(
      "INSERT INTO missed_calls (desk_code, missed_no, local_date, local_hour, time_zone, call_at, ended_at, wait_sec, phone_last4, cause, pbx, call_id, created_at) VALUES ('A03', ?, '2024-05-20', 14, 'Asia/Shanghai', 1, 2, 1, ?, 'abandoned', 'pbx1', ?, 1)",
    );
    missed.run('MC20240520001', '8000', 'L1');
    expect(() => missed.run('MC20240520002', '8000', 'L1')).toThrow(/UNIQUE/);
    expect(() => missed.run('MC20240520003', '138001380001', 'L9')).toThrow(/CHECK/);
    await migrateTo('0013');
    expect(sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('phone_calls', 'missed_calls', 'missed_serials')").all()).toEqual([]);
  });
});
