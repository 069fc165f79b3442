import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportArchive } from '../../../electron/archive/export';
import { importLockOf } from '../../../electron/archive/importLock';
import { fillDemo } from '../../../electron/demo/generate';
import { openStore } from '../../../electron/store/openDb';
import { visibleCallsSql } from '../../../electron/store/visibility';
import { InProcessRunner } from '../../../electron/worker/bulkRunner';
import { bundleCli } from '../../helpers/bundle';
import { openTestDesk, tempDir } from '../../helpers/tempStore';

/**
 * `hotline import` as a real process, killed with SIGKILL while it reads the
 * file and while it writes it (the moment its import lock appears, and a little
 * after): a person then finds all of the file or none of it, the database opens
 * clean, what a killed import had staged is hidden and is removed at the next
 * start, and the next import takes over the dead process's lock and brings in all.
 */

const tmp = tempDir('hotline-import-crash-');
let cli = '';
const file = path.join(tmp.dir, 'june.csv');
const target = path.join(tmp.dir, 'target.db');
const RECORDS = 4000;
const NOW = Date.UTC(2024, 6, 1, 6);

beforeAll(async () => {
  cli = await bundleCli(tmp.dir);
  const source = await openTestDesk({ now: NOW, file: path.join(tmp.dir, 'source.db') });
  await fillDemo(source.store, { records: RECORDS, days: 30, seed: 'crash', until: '2024-06-30', append: true, today: NOW });
  await exportArchive(source.store.db, { filter: { from: '2024-06-01', to: '2024-06-30' }, format: 'csv', file, now: NOW });
  await source.close();
}, 120_000);
afterAll(() => tmp.remove());

/** Calls stored so far, hidden or not, read while the import runs (0 before the file exists). */
function storedNow(): number {
  if (!fs.existsSync(target)) return 0;
  const db = new BetterSqlite3(target, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT count(*) FROM calls').pluck().get() as number;
  } catch {
    return 0; // not migrated yet
  } finally {
    db.close();
  }
}

/** The app's start: the worker's sweep job, here on the process's own connection. */
async function sweepAsAtStart(): Promise<void> {
  const store = await openStore(target);
  try {
    expect(await new InProcessRunner(store).run({ kind: 'sweepImports' })).toEqual({ removed: 1 });
  } finally {
    await store.close();
  }
}

const importing = () => spawn(process.execPath, [cli, 'import', file, '--db', target], { stdio: 'ignore', env: { ...process.env, NODE_PATH: path.resolve('node_modules') } });
const exited = (child: ReturnType<typeof spawn>) => new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

/** What a person finds after the kill (the calls any screen shows), what is stored hidden, and whether the file is sound. */
function inspect(): { calls: number; stored: number; integrity: string } {
  const db = new BetterSqlite3(target);
  try {
    const count = (where: string) => db.prepare(`SELECT count(*) FROM calls WHERE ${where}`).pluck().get() as number;
    return { calls: count(visibleCallsSql()), stored: count('true'), integrity: db.prepare('PRAGMA integrity_check').pluck().get() as string };
  } finally {
    db.close();
  }
}

async function killWhen(ready: () => boolean, afterMs: number): Promise<void> {
  const child = importing();
  const done = exited(child);
  let finished = false;
  void done.then(() => (finished = true));
  while (!finished && !ready()) await new Promise((resolve) => setTimeout(resolve, 1));
  if (afterMs > 0) await new Promise((resolve) => setTimeout(resolve, afterMs));
  child.kill('SIGKILL');
  await done;
}

describe('an import killed with SIGKILL', () => {
  it('leaves all of the file or none of it, at every point tried, and the next import completes', async () => {
    const seen: number[] = [];
    let locksLeft = 0;
    let staged = 0;
    // While reading: the database exists (the CLI opened it) but the lock is not taken yet.
    await killWhen(() => fs.existsSync(target), 150);
    seen.push(inspect().calls);
    // While writing: the lock appears before the import plans its write; then its rows are staged, hidden, a short transaction at a time.
    const moments: Array<[ready: () => boolean, afterMs: number]> = [
      [() => fs.existsSync(importLockOf(target)), 0],
      [() => fs.existsSync(importLockOf(target)), 60],
      [() => storedNow() > 0, 0],
      [() => storedNow() > 0, 100],
    ];
    for (const [ready, after] of moments) {
      await killWhen(ready, after);
      const found = inspect();
      expect(found.integrity).toBe('ok');
      seen.push(found.calls);
      if (fs.existsSync(importLockOf(target))) locksLeft++;
      if (found.stored > found.calls) {
        staged++;
        // The next start removes what the killed import staged, and shows nothing more than before.
        await sweepAsAtStart();
        expect(inspect()).toMatchObject({ calls: found.calls, stored: found.calls, integrity: 'ok' });
      }
      // A run that got to its end before the kill: start the next from an empty database again.
      if (found.calls === RECORDS) for (const f of [target, `${target}-wal`, `${target}-shm`, importLockOf(target)]) fs.rmSync(f, { force: true });
    }
    expect(seen.every((n) => n === 0 || n === RECORDS), `calls after each kill: ${seen.join(', ')}`).toBe(true);
    // Some kills landed while rows were being staged: those rows were there, hidden.
    expect(staged).toBeGreaterThan(0);
    // Kills landed inside the write and left the dead process's lock behind: the next import takes it over.
    expect(locksLeft).toBeGreaterThan(0);
    const last = spawn(process.execPath, [cli, 'import', file, '--db', target], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NODE_PATH: path.resolve('node_modules') } });
    let stderr = '';
    last.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await exited(last);
    expect(code, stderr).toBe(0);
    expect(inspect()).toEqual({ calls: RECORDS, stored: RECORDS, integrity: 'ok' });
    expect(fs.existsSync(importLockOf(target))).toBe(false);
  }, 120_000);
});
