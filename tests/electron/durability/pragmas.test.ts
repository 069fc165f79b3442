import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../electron/store/openDb';
import { tempDir } from '../../helpers/tempStore';

/**
 * The durability settings as SQLite reports them back, beyond what
 * tests/electron/store/openDb.test.ts asserts (journal_mode wal, synchronous
 * FULL, foreign_keys, busy_timeout ≥ 5 s).
 */
const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
async function fresh() {
  const tmp = tempDir('hotline-pragma-');
  cleanups.push(tmp.remove);
  const file = path.join(tmp.dir, 'hotline.db');
  const store = await openStore(file);
  cleanups.push(() => store.close());
  return { file, store };
}

describe('durability pragmas, read back', () => {
  it('keep WAL with synchronous=FULL on every connection, not only the one that created the file', async () => {
    const { file, store } = await fresh();
    await store.close();
    cleanups.pop();
    const again = await openStore(file);
    cleanups.push(() => again.close());
    expect(again.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(again.sqlite.pragma('synchronous', { simple: true })).toBe(2);
    expect(again.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('wait the documented 10 s for another process holding the lock', async () => {
    const { store } = await fresh();
    expect(store.sqlite.pragma('busy_timeout', { simple: true })).toBe(10_000);
  });

  it('share the file with other processes (normal locking) and checkpoint the log automatically', async () => {
    const { store } = await fresh();
    expect(store.sqlite.pragma('locking_mode', { simple: true })).toBe('normal');
    expect(store.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    expect(store.sqlite.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok');
  });

  it.runIf(process.platform === 'darwin')('use F_FULLFSYNC on macOS, where fsync alone does not reach the platter', async () => {
    const { store } = await fresh();
    expect(store.sqlite.pragma('fullfsync', { simple: true })).toBe(1);
  });

  it.skipIf(process.platform === 'win32')('give the -wal and -shm the database file’s mode 0600', async () => {
    const { file, store } = await fresh();
    store.sqlite.prepare("INSERT INTO desk (id, code, time_zone, agent_name, created_at) VALUES (1, 'A03', 'Asia/Shanghai', 'x', 0)").run();
    for (const f of [file, `${file}-wal`, `${file}-shm`]) expect([f, fs.statSync(f).mode & 0o777]).toEqual([f, 0o600]);
  });
});
