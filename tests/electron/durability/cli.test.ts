import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { listBackups } from '../../../electron/durability/backupFiles';
import { bundleCli } from '../../helpers/bundle';
import { tempDir } from '../../helpers/tempStore';
import { corruptMiddlePage, count, deskWithCalls } from './fixtures';

const run = promisify(execFile);
const tmp = tempDir('hotline-durability-cli-');
let cli = '';
const env = (extra: Record<string, string> = {}) => ({ ...process.env, NODE_PATH: path.resolve('node_modules'), ...extra });

/** The real `hotline` CLI as a child process; resolves with its exit code and output, never throws. */
async function hotline(args: string[], extraEnv: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, ...args], { env: env(extraEnv) });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** `hotline serve` until its address is printed; resolves with what it said and a stop function. */
function serve(args: string[]): Promise<{ stdout: () => string; stderr: string; stop: () => Promise<number | null> }> {
  const child = spawn(process.execPath, [cli, 'serve', ...args], { env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${err}`)));
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('Press Ctrl+C')) {
        child.removeAllListeners('exit');
        resolve({
          stdout: () => out,
          stderr: err,
          stop: () => (child.exitCode !== null || child.signalCode !== null ? Promise.resolve(child.exitCode) : new Promise((done) => (child.once('exit', done), child.kill('SIGTERM')))),
        });
      }
    });
  });
}

beforeAll(async () => {
  cli = await bundleCli(tmp.dir);
});
/** Servers still running when a test failed half-way: stopped, so no process outlives the suite. */
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const stop of cleanups.splice(0)) await stop();
});
afterAll(() => tmp.remove());

describe('hotline backup and hotline restore', () => {
  it('back up to a file (never over one), into the rotating folder, and restore, keeping the replaced database', async () => {
    const dir = path.join(tmp.dir, 'a');
    const db = path.join(dir, 'hotline.db');
    await deskWithCalls(db, 4);
    const out = path.join(dir, 'copy.db');

    const made = await hotline(['backup', '--db', db, '--out', out]);
    expect(made).toMatchObject({ code: 0, stdout: expect.stringContaining(`Backup written: ${out}`) });
    expect(count(out, 'calls')).toBe(4);
    if (process.platform !== 'win32') expect(fs.statSync(out).mode & 0o777).toBe(0o600);
    expect(await hotline(['backup', '--db', db, '--out', out])).toMatchObject({ code: 1, stderr: expect.stringContaining('already exists') });

    const folder = path.join(dir, 'safe');
    expect((await hotline(['backup', '--db', db], { HOTLINE_BACKUP_DIR: folder })).code).toBe(0);
    expect(listBackups(folder, db)).toHaveLength(1);

    await deskWithCalls(path.join(dir, 'other.db'), 9);
    const restored = await hotline(['restore', path.join(dir, 'other.db'), '--db', db]);
    expect(restored).toMatchObject({ code: 0, stdout: expect.stringMatching(/Restored .*other\.db[\s\S]*kept:\n {2}.*hotline\.db → .*hotline\.db\.before-restore-/) });
    expect(count(db, 'calls')).toBe(9);
    const aside = fs.readdirSync(dir).find((n) => n.startsWith('hotline.db.before-restore-') && !n.endsWith('-wal') && !n.endsWith('-shm'))!;
    expect(count(path.join(dir, aside), 'calls')).toBe(4);
  });

  it('refuses a bad file with the reason, and the database stays', async () => {
    const dir = path.join(tmp.dir, 'b');
    const db = path.join(dir, 'hotline.db');
    await deskWithCalls(db, 2);
    fs.writeFileSync(path.join(dir, 'junk.db'), 'junk '.repeat(500));
    const refused = await hotline(['restore', path.join(dir, 'junk.db'), '--db', db]);
    expect(refused).toMatchObject({ code: 1, stderr: expect.stringMatching(/was not restored: it cannot be read as a database.*Nothing was changed/) });
    expect(count(db, 'calls')).toBe(2);
    expect(await hotline(['restore', '--db', db])).toMatchObject({ code: 2 });
  });
});

describe('browser mode start-up', () => {
  it('backs up a healthy database at start into the folder given', async () => {
    const dir = path.join(tmp.dir, 'd');
    const db = path.join(dir, 'hotline.db');
    await deskWithCalls(db, 1);
    const served = await serve(['--db', db, '--backup-dir', path.join(dir, 'elsewhere')]);
    cleanups.push(served.stop);
    await expect.poll(() => served.stdout(), { timeout: 5000 }).toMatch(/Backup written: .*elsewhere/);
    expect(served.stderr).toBe('');
    expect(await served.stop()).toBe(0);
    expect(listBackups(path.join(dir, 'elsewhere'), db)).toHaveLength(1);
  });

  it('sets a damaged database aside, says so and where the newest good backup is, keeps that backup, and a restore waits for it to stop', async () => {
    const dir = path.join(tmp.dir, 'c');
    const db = path.join(dir, 'hotline.db');
    await deskWithCalls(db, 40);
    expect((await hotline(['backup', '--db', db])).code).toBe(0);
    const [good] = listBackups(path.join(dir, 'backups'), db);
    corruptMiddlePage(db);

    const served = await serve(['--db', db]);
    cleanups.push(served.stop);
    expect(served.stderr).toMatch(/damaged[\s\S]*hotline\.db → .*hotline\.db\.corrupt-[\s\S]*newest good backup is .*backups/);
    expect(served.stderr).toContain(`hotline restore "${path.join(dir, 'backups', good!.name)}" --db "${db}"`);
    const busy = await hotline(['restore', path.join(dir, 'backups', good!.name), '--db', db]);
    expect(busy).toMatchObject({ code: 1, stderr: expect.stringContaining('is in use') });
    expect(await served.stop()).toBe(0);
    // The new, empty database was not backed up over the good backup (one per day is kept).
    expect(served.stdout()).not.toContain('Backup written');
    expect(listBackups(path.join(dir, 'backups'), db)).toEqual([good]);

    expect((await hotline(['restore', path.join(dir, 'backups', good!.name), '--db', db])).code).toBe(0);
    expect(count(db, 'calls')).toBe(40);
  }, 30_000);
});
