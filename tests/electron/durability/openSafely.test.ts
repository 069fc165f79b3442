import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeBackup } from '../../../electron/durability/backup';
import { backupName } from '../../../electron/durability/backupFiles';
import { openStoreSafely, restoreAndReopen } from '../../../electron/durability/openSafely';
import { movedAsideMessage } from '../../../electron/durability/startupReport';
import { DatabaseFromFutureError, openStore } from '../../../electron/store/openDb';
import { tempDir } from '../../helpers/tempStore';
import { corruptMiddlePage, count, crashedCopy, deskWithCalls, filesOf } from './fixtures';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
function folder(): string {
  const tmp = tempDir('hotline-safe-');
  cleanups.push(tmp.remove);
  return tmp.dir;
}
const NOW = Date.UTC(2024, 4, 20, 6, 15);

describe('openStoreSafely', () => {
  it('opens a healthy database as it is, keeping its data', async () => {
    const file = path.join(folder(), 'hotline.db');
    await deskWithCalls(file, 5);
    const opened = await openStoreSafely(file);
    expect(opened.movedAside).toBeUndefined();
    expect(await opened.store.db.selectFrom('calls').select('id').execute()).toHaveLength(5);
    await opened.store.close();
  });

  it('opens a database left by a crash (-wal and -shm present) without calling it damaged', async () => {
    const file = await crashedCopy(folder());
    const opened = await openStoreSafely(file);
    expect(opened.movedAside).toBeUndefined();
    expect(opened.store.sqlite.prepare('SELECT count(*) FROM scratch').pluck().get()).toBe(50);
    await opened.store.close();
  });

  it('moves a file with garbage in the middle aside, byte for byte, and starts a fresh database', async () => {
    const dir = folder();
    const file = path.join(dir, 'hotline.db');
    await deskWithCalls(file, 40);
    corruptMiddlePage(file);
    const [original] = filesOf(file);

    const opened = await openStoreSafely(file, { now: () => NOW });
    expect(opened.movedAside).toMatchObject({ problem: 'corrupt', files: [{ from: file, to: `${file}.corrupt-2024-05-20T06-15-00-000Z` }] });
    expect(fs.readFileSync(`${file}.corrupt-2024-05-20T06-15-00-000Z`).equals(original!)).toBe(true);
    expect(await opened.store.db.selectFrom('calls').select('id').execute()).toEqual([]);
    expect(movedAsideMessage(opened, 'en')).toMatch(/damaged[\s\S]*corrupt-2024-05-20T06-15-00-000Z[\s\S]*No good backup was found/);
    await opened.store.close();
  });

  it('moves a crashed, damaged database aside with its -wal and -shm, all three byte-identical', async () => {
    const file = await crashedCopy(folder());
    corruptMiddlePage(file);
    const before = filesOf(file);
    expect(before.every((b) => b !== null)).toBe(true);

    const opened = await openStoreSafely(file, { now: () => NOW });
    const aside = `${file}.corrupt-2024-05-20T06-15-00-000Z`;
    expect(opened.movedAside?.files.map((m) => m.to)).toEqual([aside, `${aside}-wal`, `${aside}-shm`]);
    expect(filesOf(aside).map((b, i) => b!.equals(before[i]!))).toEqual([true, true, true]);
    await opened.store.close();
  });

  it('moves a file that is not SQLite at all aside, unchanged', async () => {
    const file = path.join(folder(), 'hotline.db');
    const text = Buffer.from('Name,Phone\nZhang San,8000\n'.repeat(400));
    fs.writeFileSync(file, text);
    const opened = await openStoreSafely(file, { now: () => NOW });
    expect(opened.movedAside).toMatchObject({ problem: 'corrupt', detail: expect.stringMatching(/not a database/) });
    expect(filesOf(`${file}.corrupt-2024-05-20T06-15-00-000Z`)).toEqual([text, null, null]);
    await opened.store.close();
  });

  it('never replaces an earlier moved-aside file with the same time stamp', async () => {
    const file = path.join(folder(), 'hotline.db');
    for (const content of ['first junk '.repeat(100), 'second junk '.repeat(100)]) {
      fs.writeFileSync(file, content);
      const opened = await openStoreSafely(file, { now: () => NOW });
      await opened.store.close();
      fs.rmSync(file);
      for (const s of ['-wal', '-shm']) fs.rmSync(file + s, { force: true });
    }
    expect(fs.readFileSync(`${file}.corrupt-2024-05-20T06-15-00-000Z`, 'utf8')).toMatch(/^first junk/);
    expect(fs.readFileSync(`${file}.corrupt-2024-05-20T06-15-00-000Z-1`, 'utf8')).toMatch(/^second junk/);
  });

  it('moves a -wal left without its database aside instead of replaying it into a new one', async () => {
    const crashed = await crashedCopy(folder());
    fs.rmSync(crashed);
    const wal = fs.readFileSync(`${crashed}-wal`);
    const opened = await openStoreSafely(crashed, { now: () => NOW });
    expect(opened.movedAside).toMatchObject({ problem: 'orphanLog' });
    expect(fs.readFileSync(`${crashed}.orphan-2024-05-20T06-15-00-000Z-wal`).equals(wal)).toBe(true);
    expect(opened.store.sqlite.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'scratch'").pluck().get()).toBe(0);
    await opened.store.close();
  });

  it('offers the newest good backup, skipping a damaged newer one, and restores it', async () => {
    const dir = folder();
    const file = path.join(dir, 'hotline.db');
    const backups = path.join(dir, 'backups');
    await deskWithCalls(file, 12);
    const store = await openStore(file);
    const good = path.join(backups, backupName(file, NOW - 3_600_000));
    await writeBackup(store.sqlite, good);
    await store.close();
    const bad = path.join(backups, backupName(file, NOW - 60_000));
    fs.writeFileSync(bad, 'not a backup');
    corruptMiddlePage(file);

    const opened = await openStoreSafely(file, { now: () => NOW });
    expect(opened.newestBackup).toBe(good);
    expect(movedAsideMessage(opened, 'en')).toContain(`The newest good backup is ${good}`);
    const { store: restored, error } = await restoreAndReopen(opened.store, good);
    expect(error).toBeUndefined();
    expect(await restored.db.selectFrom('calls').select('id').execute()).toHaveLength(12);
    await restored.close();
    expect(count(good, 'calls')).toBe(12);
  });

  it('leaves a database from a newer version alone and says so', async () => {
    const file = path.join(folder(), 'hotline.db');
    const store = await openStore(file);
    store.sqlite.prepare("INSERT INTO kysely_migration (name, timestamp) VALUES ('2099_01_01_0001_future', '2099')").run();
    await store.close();
    const before = filesOf(file);
    await expect(openStoreSafely(file)).rejects.toBeInstanceOf(DatabaseFromFutureError);
    expect(filesOf(file)[0]!.equals(before[0]!)).toBe(true);
    expect(fs.readdirSync(path.dirname(file)).filter((n) => n.includes('corrupt'))).toEqual([]);
  });

  it.skipIf(process.platform === 'win32' || process.getuid?.() === 0)('does not move a file it may not read; it reports the error', async () => {
    const file = path.join(folder(), 'hotline.db');
    await deskWithCalls(file, 1);
    fs.chmodSync(file, 0o000);
    await expect(openStoreSafely(file)).rejects.toThrow();
    fs.chmodSync(file, 0o600);
    expect(fs.existsSync(file)).toBe(true);
  });
});
