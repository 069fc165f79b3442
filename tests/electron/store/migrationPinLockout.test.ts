import { afterEach, describe, expect, it } from 'vitest';
import { migratingDatabase, migrationBefore } from '../../helpers/migrating';

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const THIS = '2026_12_01_0008_pin_lockout';
const BEFORE = migrationBefore(THIS);

describe('migration 0008 (PIN lock-out)', () => {
  it('gives the profiles made before it a clean slate and an empty, append-only lock-out trail; down keeps the profiles', async () => {
    const { sqlite, migrateTo } = migratingDatabase(cleanups);
    await migrateTo(BEFORE);
    sqlite.prepare("INSERT INTO users (name, role, pin_hash, created_at) VALUES ('李娜', 'admin', NULL, 1), ('王芳', 'agent', 'scrypt$c2FsdA==$aGFzaA==', 2)").run();

    await migrateTo(THIS);
    expect(sqlite.prepare('SELECT name, pin_hash, pin_failures, pin_locked_until FROM users ORDER BY id').all()).toEqual([
      { name: '李娜', pin_hash: null, pin_failures: 0, pin_locked_until: null },
      { name: '王芳', pin_hash: 'scrypt$c2FsdA==$aGFzaA==', pin_failures: 0, pin_locked_until: null },
    ]);
    // A profile added by code that predates the column still starts with no wrong PINs.
    sqlite.prepare("INSERT INTO users (name, role, created_at) VALUES ('张主管', 'team_lead', 3)").run();
    expect(sqlite.prepare("SELECT pin_failures FROM users WHERE name = '张主管'").pluck().get()).toBe(0);

    expect(sqlite.prepare('SELECT count(*) FROM pin_lock_audit').pluck().get()).toBe(0);
    sqlite.prepare("INSERT INTO pin_lock_audit (user_id, user_name, event, at, failures, locked_until) VALUES (2, '王芳', 'locked', 10, 5, 30010)").run();
    expect(() => sqlite.prepare("INSERT INTO pin_lock_audit (user_id, user_name, event, at, failures) VALUES (2, '王芳', 'guessed', 10, 5)").run()).toThrow(/CHECK/);
    expect(() => sqlite.prepare('UPDATE pin_lock_audit SET failures = 0').run()).toThrow(/append-only/);
    expect(() => sqlite.prepare('DELETE FROM pin_lock_audit').run()).toThrow(/append-only/);

    await migrateTo(BEFORE);
    expect(sqlite.prepare('SELECT name, pin_hash FROM users ORDER BY id').all()).toEqual([
      { name: '李娜', pin_hash: null },
      { name: '王芳', pin_hash: 'scrypt$c2FsdA==$aGFzaA==' },
      { name: '张主管', pin_hash: null },
    ]);
    expect(sqlite.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'pin_lock_audit'").pluck().get()).toBe(0);
    expect(sqlite.prepare("SELECT count(*) FROM pragma_table_info('users') WHERE name IN ('pin_failures', 'pin_locked_until')").pluck().get()).toBe(0);
  });
});
