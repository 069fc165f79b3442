import { afterEach, describe, expect, it } from 'vitest';
import { migratingDatabase } from '../../helpers/migrating';

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('migration 0013 (team authored)', () => {
  it('maps each team policy version to one local version, gives profiles a unique team id, keeps the profiles digest; down removes them', async () => {
    const { sqlite, migrateTo } = migratingDatabase(cleanups);
    await migrateTo('0013');
    sqlite.prepare("INSERT INTO policies (effective_from, created_at, created_by, json) VALUES (0, 0, 'ops', '{}')").run();
    const map = sqlite.prepare('INSERT INTO team_policy_versions (server_version, policy_id, pulled_at) VALUES (?, ?, 1)');
    map.run(3, 1);
    expect(() => map.run(3, 1)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => map.run(4, 1)).toThrow(/UNIQUE/);
    sqlite.pragma('foreign_keys = ON');
    expect(() => map.run(5, 99)).toThrow(/FOREIGN KEY/);
    const user = sqlite.prepare("INSERT INTO users (name, role, created_at, team_id) VALUES (?, 'agent', 0, ?)");
    user.run('王芳', 'a1');
    user.run('李娜', null);
    user.run('赵强', null);
    expect(() => user.run('钱七', 'a1')).toThrow(/UNIQUE/);
    expect(sqlite.prepare('SELECT name, team_id, pin_hash FROM users ORDER BY id').all()).toEqual([
      { name: '王芳', team_id: 'a1', pin_hash: null },
      { name: '李娜', team_id: null, pin_hash: null },
      { name: '赵强', team_id: null, pin_hash: null },
    ]);
    expect(sqlite.prepare("SELECT count(*) AS n FROM pragma_table_info('team_link') WHERE name = 'profiles_digest'").get()).toEqual({ n: 1 });
    await migrateTo('0012');
    expect(sqlite.prepare("SELECT name FROM sqlite_master WHERE name LIKE 'team_policy_versions%' OR name = 'users_team_id'").all()).toEqual([]);
    expect(sqlite.prepare("SELECT count(*) AS n FROM pragma_table_info('users') WHERE name = 'team_id'").get()).toEqual({ n: 0 });
    expect(sqlite.prepare("SELECT count(*) AS n FROM pragma_table_info('team_link') WHERE name = 'profiles_digest'").get()).toEqual({ n: 0 });
  });
});
