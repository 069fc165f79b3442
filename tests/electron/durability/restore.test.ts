import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { writeBackup } from '../../../electron/durability/backup';
import { checkBackup, RestoreRefusedError, restoreBackup } from '../../../electron/durability/restore';
import { openStore } from '../../../electron/store/openDb';
import { tempDir } from '../../helpers/tempStore';
import { corruptMiddlePage, count, crashedCopy, deskWithCalls, filesOf } from './fixtures';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
function folder(): string {
  const tmp = tempDir('hotline-restore-');
  cleanups.push(tmp.remove);
  return tmp.dir;
}
const NOW = Date.UTC(2024, 4, 20, 6, 15);

/** A good backup with `calls` calls, made through the backup API from a database of its own. */
async function goodBackup(dir: string, calls: number): Promise<string> {
  const source = path.join(dir, 'source', 'hotline.db');
  fs.mkdirSync(path.dirname(source), { recursive: true });
  await deskWithCalls(source, calls);
  const store = await openStore(source);
  const file = path.join(dir, 'backups', 'hotline-good.db');
  await writeBackup(store.sqlite, file);
  await store.close();
  return file;
}

/** Every file in a folder and its bytes: "nothing changed" means this is equal before and after. */
function snapshotFolder(dir: string): Record<string, string> {
  return Object.fromEntries(
    fs
      .readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => {
        const file = path.join(e.parentPath, e.name);
        return [path.relative(dir, file), fs.readFileSync(file).toString('base64')];
      }),
  );
}

describe('restoreBackup', () => {
  it('puts a good backup in place and keeps the database it replaces, with everything it held', async () => {
    const dir = folder();
    const backup = await goodBackup(dir, 7);
    // The current database as a crash left it: frames still in its -wal.
    const current = await crashedCopy(dir);
    const currentCalls = count(current, 'calls');

    const restored = await restoreBackup(backup, current, { now: NOW });
    expect(count(current, 'calls')).toBe(7);
    const aside = `${current}.before-restore-2024-05-20T06-15-00-000Z`;
    expect(restored.keptAside[0]).toEqual({ from: current, to: aside });
    // Nothing of the replaced database is lost, including what was only in its -wal.
    expect(count(aside, 'calls')).toBe(currentCalls);
    expect(count(aside, 'scratch')).toBe(50);
    const store = await openStore(current);
    expect(store.sqlite.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok');
    expect(store.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    await store.close();
    if (process.platform !== 'win32') expect(fs.statSync(current).mode & 0o777).toBe(0o600);
    expect(fs.existsSync(backup)).toBe(true);
  });

  it('restores into a place where there is no database yet', async () => {
    const dir = folder();
    const backup = await goodBackup(dir, 2);
    const target = path.join(dir, 'new', 'hotline.db');
    fs.mkdirSync(path.dirname(target));
    expect((await restoreBackup(backup, target)).keptAside).toEqual([]);
    expect(count(target, 'calls')).toBe(2);
  });

  const badFiles: Array<[string, (dir: string) => Promise<string>, RegExp]> = [
    ['a missing file', async (dir) => path.join(dir, 'nowhere.db'), /there is no file/],
    ['an empty file', async (dir) => (fs.writeFileSync(path.join(dir, 'empty.db'), ''), path.join(dir, 'empty.db')), /is empty/],
    ['a file that is not SQLite', async (dir) => (fs.writeFileSync(path.join(dir, 'x.db'), 'hello '.repeat(1000)), path.join(dir, 'x.db')), /cannot be read as a database/],
    [
      'a backup with garbage in the middle',
      async (dir) => {
        const file = await goodBackup(dir, 40);
        corruptMiddlePage(file);
        return file;
      },
      /integrity check|cannot be read/,
    ],
    [
      'a SQLite file of another program',
      async (dir) => {
        const file = path.join(dir, 'other.db');
        const db = new BetterSqlite3(file);
        db.exec('CREATE TABLE notes (text TEXT)');
        db.close();
        return file;
      },
      /not a Hotline Log database/,
    ],
    [
      'a database from a newer version',
      async (dir) => {
        const file = path.join(dir, 'future.db');
        const store = await openStore(file);
        store.sqlite.prepare("INSERT INTO kysely_migration (name, timestamp) VALUES ('2099_01_01_0001_future', '2099')").run();
        await store.close();
        return file;
      },
      /newer version of Hotline Log/,
    ],
  ];

  it.each(badFiles)('refuses %s and changes nothing', async (_, make, reason) => {
    const dir = folder();
    const current = await crashedCopy(dir);
    const bad = await make(dir);
    const before = snapshotFolder(dir);
    const error = await restoreBackup(bad, current).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RestoreRefusedError);
    expect((error as Error).message).toMatch(reason);
    expect((error as Error).message).toMatch(/Nothing was changed/);
    expect(snapshotFolder(dir)).toEqual(before);
  });

  it('refuses while the database is open elsewhere (the app, browser mode), and changes nothing', async () => {
    const dir = folder();
    const backup = await goodBackup(dir, 3);
    const current = path.join(dir, 'hotline.db');
    await deskWithCalls(current, 1);
    const inUse = await openStore(current);
    const before = filesOf(current);
    await expect(restoreBackup(backup, current)).rejects.toThrow(/is in use/);
    expect(filesOf(current).map((b, i) => (b === null ? before[i] === null : b.equals(before[i]!)))).toEqual([true, true, true]);
    await inUse.close();
  });

  it('refuses to restore the database onto itself', async () => {
    const dir = folder();
    const current = path.join(dir, 'hotline.db');
    await deskWithCalls(current, 1);
    await expect(restoreBackup(current, current)).rejects.toBeInstanceOf(RestoreRefusedError);
  });

  it('checks a backup without leaving anything beside it', async () => {
    const dir = folder();
    const file = path.join(dir, 'wal-mode.db');
    await deskWithCalls(file, 1);
    expect(fs.readdirSync(dir)).toEqual(['wal-mode.db']);
    expect(await checkBackup(file)).toEqual({ ok: true });
    expect(fs.readdirSync(dir)).toEqual(['wal-mode.db']);
  });
});
