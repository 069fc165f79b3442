import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseFromFutureError, openStore } from '../../../electron/store/openDb';
import { MIGRATIONS } from '../../../electron/store/migrations';
import { tempDir } from '../../helpers/tempStore';

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function tempFile(): string {
  const tmp = tempDir();
  cleanups.push(tmp.remove);
  return path.join(tmp.dir, 'sub', 'hotline.db');
}

describe('openStore', () => {
  it('creates the folder and the file, and migrates to the latest version', async () => {
    const store = await openStore(tempFile());
    cleanups.push(() => store.close());
    const applied = store.sqlite.prepare('SELECT name FROM kysely_migration ORDER BY name').pluck().all();
    expect(applied).toEqual(Object.keys(MIGRATIONS).sort());
    const tables = store.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['desk', 'calls', 'transfers', 'steps', 'daily_serials']));
  });

  it('sets the pragmas a desk that must never lose a click needs (read back)', async () => {
    const store = await openStore(tempFile());
    cleanups.push(() => store.close());
    expect(store.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.sqlite.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(store.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.sqlite.pragma('busy_timeout', { simple: true })).toBeGreaterThanOrEqual(5000);
  });

  it.skipIf(process.platform === 'win32')('makes the database readable by its owner alone', async () => {
    const file = tempFile();
    const store = await openStore(file);
    cleanups.push(() => store.close());
    const fs = await import('node:fs');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('opens an existing database again without migrating twice, keeping its data', async () => {
    const file = tempFile();
    const first = await openStore(file);
    first.sqlite.prepare("INSERT INTO desk (id, code, time_zone, agent_name, created_at) VALUES (1, 'A03', 'Asia/Shanghai', 'x', 0)").run();
    await first.close();
    const second = await openStore(file);
    cleanups.push(() => second.close());
    expect(second.sqlite.prepare('SELECT code FROM desk').pluck().get()).toBe('A03');
  });

  it('refuses a database written by a newer version and leaves it untouched', async () => {
    const file = tempFile();
    const store = await openStore(file);
    store.sqlite.prepare("INSERT INTO desk (id, code, time_zone, agent_name, created_at) VALUES (1, 'A03', 'Asia/Shanghai', 'x', 0)").run();
    store.sqlite.prepare("INSERT INTO kysely_migration (name, timestamp) VALUES ('2099_01_01_0001_future', '2099')").run();
    await store.close();

    await expect(openStore(file)).rejects.toBeInstanceOf(DatabaseFromFutureError);
    await expect(openStore(file)).rejects.toThrow(/newer version of Hotline Log/);
    const raw = new BetterSqlite3(file, { readonly: true });
    expect(raw.prepare('SELECT code FROM desk').pluck().get()).toBe('A03');
    expect(raw.prepare('SELECT count(*) FROM kysely_migration').pluck().get()).toBe(Object.keys(MIGRATIONS).length + 1);
    raw.close();
  });

  it('lets the database itself refuse a phone column that is not four digits', async () => {
    const store = await openStore(tempFile());
    cleanups.push(() => store.close());
    const insert = (phone: string) =>
      store.sqlite
        .prepare(
          `INSERT INTO calls (desk_code, record_no, local_date, time_zone, agent, call_at, created_at, updated_at, phone_last4)
           VALUES ('A03', ?, '2024-05-20', 'Asia/Shanghai', 'x', 0, 0, 0, ?)`,
        )
        .run(`CS20240520${Math.random().toString().slice(2, 5)}`, phone);
    expect(() => insert('13800138000')).toThrow(/CHECK constraint/);
    expect(() => insert('80a0')).toThrow(/CHECK constraint/);
    expect(() => insert('8000')).not.toThrow();
  });
});
