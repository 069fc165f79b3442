import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { writeBackup } from '../../../electron/durability/backup';
import { backupName } from '../../../electron/durability/backupFiles';
import { resolveBackupDir } from '../../../electron/durability/backupDir';
import { restoreAndReopen } from '../../../electron/durability/openSafely';
import type { BackupOutcome } from '../../../electron/durability/schedule';
import { REQUEST_BUSY_TIMEOUT_MS, openStore } from '../../../electron/store/openDb';
import { startUp, type StartedUp, type StartUpOptions } from '../../../electron/startup/startUp';
import { InProcessRunner } from '../../../electron/worker/bulkRunner';
import { tempDir } from '../../helpers/tempStore';
import { corruptMiddlePage, deskWithCalls } from '../durability/fixtures';

// The one start-up of the desktop app and browser mode, against real files: what it found, and
// what it started, before either shell shows anything.
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
const NOW = Date.UTC(2024, 4, 20, 6, 15);

function folder(): string {
  const tmp = tempDir('hotline-startup-');
  cleanups.push(tmp.remove);
  return tmp.dir;
}

async function started(file: string, more: Partial<StartUpOptions> = {}): Promise<{ up: StartedUp; outcomes: BackupOutcome[] }> {
  const outcomes: BackupOutcome[] = [];
  const up = await startUp({
    file,
    where: resolveBackupDir(file, { env: {} }),
    workerFile: 'no worker in unit tests',
    runnerFor: (store) => new InProcessRunner(store),
    detectShare: () => null,
    now: () => NOW,
    report: (outcome) => outcomes.push(outcome),
    ...more,
  });
  cleanups.push(async () => {
    await up.backups.stop();
    await up.bulk.close();
    await up.store.close();
  });
  return { up, outcomes };
}

const calls = (up: StartedUp) => up.store.db.selectFrom('calls').select(['id', 'local_hour', 'ended_breach']).execute();
const backupsIn = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.db')) : []);
const until = async (done: () => boolean) => {
  for (let i = 0; i < 200 && !done(); i++) await new Promise((r) => setTimeout(r, 25));
};

describe('startUp', () => {
  it('opens a normal database as it is, fills what later versions store, and serves requests from it', async () => {
    const file = path.join(folder(), 'hotline.db');
    await deskWithCalls(file, 4);
    // Records written before local_hour existed.
    const raw = new BetterSqlite3(file);
    raw.prepare('UPDATE calls SET local_hour = NULL').run();
    raw.close();

    const { up, outcomes } = await started(file);
    expect(up.movedAside).toBeUndefined();
    expect(up.restored).toBe(false);
    expect(up.networkShare).toBeNull();
    expect(up.backfilled).toBe(4);
    const rows = await calls(up);
    expect(rows).toHaveLength(4);
    expect(rows.every((r) => r.local_hour !== null)).toBe(true);
    expect(up.store.sqlite.pragma('busy_timeout', { simple: true })).toBe(REQUEST_BUSY_TIMEOUT_MS);

    // Built, not started: the first backup comes when the shell starts the schedule.
    expect(backupsIn(up.backupDir)).toEqual([]);
    up.backups.start();
    await until(() => outcomes.length > 0);
    expect(outcomes[0]).toMatchObject({ ok: true });
    expect(backupsIn(up.backupDir)).toHaveLength(1);
  });

  it('creates a fresh database where there was none, with nothing moved aside', async () => {
    const file = path.join(folder(), 'new', 'hotline.db');
    fs.mkdirSync(path.dirname(file));
    const { up } = await started(file);
    expect(fs.existsSync(file)).toBe(true);
    expect(up.movedAside).toBeUndefined();
    expect(up.backfilled).toBe(0);
    expect(await calls(up)).toEqual([]);
  });

  it('moves a damaged database aside, starts fresh, and keeps the old backups from rotating away', async () => {
    const dir = folder();
    const file = path.join(dir, 'hotline.db');
    await deskWithCalls(file, 12);
    const store = await openStore(file);
    const good = path.join(dir, 'backups', backupName(file, NOW - 3_600_000));
    await writeBackup(store.sqlite, good);
    await store.close();
    corruptMiddlePage(file);

    const { up, outcomes } = await started(file, { detectShare: () => ({ fsType: 'cifs', where: '//nas/calls' }) });
    expect(up.movedAside).toMatchObject({ problem: 'corrupt', files: [{ from: file, to: `${file}.corrupt-2024-05-20T06-15-00-000Z` }] });
    expect(fs.existsSync(`${file}.corrupt-2024-05-20T06-15-00-000Z`)).toBe(true);
    expect(up.newestBackup).toBe(good);
    expect(up.restored).toBe(false);
    expect(up.networkShare).toEqual({ fsType: 'cifs', where: '//nas/calls' });
    expect(await calls(up)).toEqual([]);
    // keepExisting: no backup of the empty database at start, so the good one stays the newest.
    up.backups.start();
    await new Promise((r) => setTimeout(r, 200));
    expect(outcomes).toEqual([]);
    expect(backupsIn(path.dirname(good))).toEqual([path.basename(good)]);
  });

  it("lets the shell restore the newest good backup before anything is served, and backs that up as usual", async () => {
    const dir = folder();
    const file = path.join(dir, 'hotline.db');
    await deskWithCalls(file, 7);
    const store = await openStore(file);
    const good = path.join(dir, 'backups', backupName(file, NOW - 3_600_000));
    await writeBackup(store.sqlite, good);
    await store.close();
    corruptMiddlePage(file);

    const seen: Array<string | undefined> = [];
    const { up, outcomes } = await started(file, {
      settle: async (opened) => {
        seen.push(opened.newestBackup);
        const result = await restoreAndReopen(opened.store, opened.newestBackup!);
        return { store: result.store, restored: result.restored !== undefined };
      },
    });
    expect(seen).toEqual([good]);
    expect(up.restored).toBe(true);
    expect(await calls(up)).toHaveLength(7);
    up.backups.start();
    await until(() => outcomes.length > 0);
    expect(outcomes[0]).toMatchObject({ ok: true });
  });
});
