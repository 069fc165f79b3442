import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportArchive } from '../../../electron/archive/export';
import { importArchive } from '../../../electron/archive/import';
import { ImportLockedError, importLockOf } from '../../../electron/archive/importLock';
import { openTestDesk, tempDir, type TestDesk } from '../../helpers/tempStore';
import { deskWithRecords, RANGE } from './fixtures';

/**
 * One import at a time per database, across processes (the app, browser mode,
 * `hotline import`): a second is refused while the first holds the lock, and
 * a lock left by a process that is gone does not block the next import.
 */

const tmp = tempDir('hotline-import-lock-');
let file: string;
let target: TestDesk;
const stored = async () => (await target.ok('reviewRecords', RANGE)).total;

beforeAll(async () => {
  const source = await deskWithRecords();
  file = path.join(tmp.dir, 'month.csv');
  await exportArchive(source.store.db, { filter: RANGE, format: 'csv', file, now: source.clock.ms });
  // Judged when the source's records are all in the past.
  target = await openTestDesk({ file: path.join(tmp.dir, 'target.db'), now: source.clock.ms });
  await source.close();
});
afterAll(async () => {
  await target.close();
  tmp.remove();
});

/** A real process that stays alive until killed: the holder of a lock. */
function aliveProcess(): ChildProcess {
  return spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
}

describe('the import lock', () => {
  it('refuses an import while another live process holds the lock, and writes nothing', async () => {
    const holder = aliveProcess();
    try {
      fs.writeFileSync(importLockOf(target.file), `${os.hostname()}:${holder.pid}`);
      const refused = importArchive(target.store.db, { file, actor: '张主管', now: target.clock.ms });
      await expect(refused).rejects.toBeInstanceOf(ImportLockedError);
      await expect(refused).rejects.toThrow(`process ${os.hostname()}:${holder.pid}`);
      expect(await stored()).toBe(0);
      // A check writes nothing and needs no lock.
      expect(await importArchive(target.store.db, { file, actor: '张主管', now: target.clock.ms, dryRun: true })).toMatchObject({ toImport: 4 });
    } finally {
      holder.kill('SIGKILL');
      fs.rmSync(importLockOf(target.file), { force: true });
    }
  });

  it('takes over a lock whose process is gone (killed mid-import), imports, and leaves no lock behind', async () => {
    const gone = aliveProcess();
    const pid = gone.pid!;
    await new Promise<void>((resolve) => {
      gone.once('exit', () => resolve());
      gone.kill('SIGKILL');
    });
    fs.writeFileSync(importLockOf(target.file), `${os.hostname()}:${pid}`);
    expect(await importArchive(target.store.db, { file, actor: '张主管', now: target.clock.ms })).toMatchObject({ imported: 4 });
    expect(await stored()).toBe(4);
    expect(fs.existsSync(importLockOf(target.file))).toBe(false);
  });

  it('takes over a lock from before the machine last started, even when its process id now names a live process', async () => {
    // After a reboot a process id is soon used again: this live process stands for one that took the id.
    const reused = aliveProcess();
    try {
      const bootMinute = Math.round((Date.now() - os.uptime() * 1000) / 60_000);
      fs.writeFileSync(importLockOf(target.file), `${os.hostname()}:${reused.pid}:${bootMinute - 60 * 24}`);
      await expect(importArchive(target.store.db, { file, actor: '张主管', now: target.clock.ms })).resolves.not.toBeInstanceOf(Error);
      expect(fs.existsSync(importLockOf(target.file))).toBe(false);
    } finally {
      reused.kill('SIGKILL');
      fs.rmSync(importLockOf(target.file), { force: true });
    }
  });

  it('answers the Import card busy while another process imports into the same database', async () => {
    const holder = aliveProcess();
    try {
      fs.writeFileSync(importLockOf(target.file), `${os.hostname()}:${holder.pid}`);
      target.ctx.files = { exportTarget: async () => null, importSource: async () => ({ file, fileName: 'month.csv' }) };
      expect(await target.call('importArchive', {})).toMatchObject({ ok: false, error: { code: 'busy', message: expect.stringContaining('Another import into this database is running') } });
      // The refusal says what to do when no import is running after all.
      expect(await target.call('importArchive', {})).toMatchObject({ ok: false, error: { message: expect.stringContaining('import-lock') } });
    } finally {
      holder.kill('SIGKILL');
      fs.rmSync(importLockOf(target.file), { force: true });
    }
  });
});
