import os from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleCli } from '../../helpers/bundle';
import { runCli } from '../../helpers/cli';
import { openTestDesk, tempDir } from '../../helpers/tempStore';

/** Issue 11: `hotline users add | list | unlock`, through the real bundled CLI as a child process. */

const tmp = tempDir();
let cli = '';
let n = 0;

const hotline = (args: string[], stdin?: string) => runCli(cli, args, stdin === undefined ? {} : { stdin });

/** A fresh set-up desk (admin 李娜, no PIN), closed so that the CLI has the file to itself. Times are real: the CLI reads the system clock. */
async function freshDesk(): Promise<string> {
  const desk = await openTestDesk({ file: path.join(tmp.dir, `d${++n}.db`), now: Date.now() });
  await desk.close();
  return desk.file;
}

beforeAll(async () => {
  cli = await bundleCli(tmp.dir);
});
afterAll(() => tmp.remove());

describe('hotline users add', () => {
  it('adds a profile whose PIN came on standard input, and that PIN signs it in', async () => {
    const db = await freshDesk();
    expect(await hotline(['users', 'add', '王芳', '--role', 'agent', '--pin-stdin', '--db', db], '4821\n')).toMatchObject({ code: 0, stdout: 'Added 王芳 (agent, with a PIN).\n' });
    expect(await hotline(['users', 'add', '张主管', '--role', 'team_lead', '--db', db])).toMatchObject({ code: 0, stdout: 'Added 张主管 (team_lead, no PIN).\n' });
    const desk = await openTestDesk({ file: db, setup: false });
    try {
      const wang = (await desk.ok('listUsers', {})).find((u) => u.name === '王芳')!;
      expect(wang).toMatchObject({ role: 'agent', hasPin: true, active: true });
      expect(await desk.call('signIn', { userId: wang.id, pin: '1111' })).toMatchObject({ ok: false, error: { code: 'wrong_pin' } });
      expect(await desk.call('signIn', { userId: wang.id, pin: '4821' })).toMatchObject({ ok: true, value: { name: '王芳' } });
    } finally {
      await desk.store.close();
    }
  });

  it('refuses a PIN on the command line, and adds nothing', async () => {
    const db = await freshDesk();
    const result = await hotline(['users', 'add', '王芳', '--role', 'agent', '--pin', '4821', '--db', db]);
    expect(result).toMatchObject({ code: 2, stderr: expect.stringContaining('a PIN is never read from the command line (shell history, ps); use --pin-stdin') });
    expect((await hotline(['users', 'list', '--db', db])).stdout).not.toContain('王芳');
  });

  it('keeps the Team screen’s rules: PIN digits, unique names, a known role, a set-up desk', async () => {
    const db = await freshDesk();
    expect(await hotline(['users', 'add', '王芳', '--role', 'agent', '--pin-stdin', '--db', db], '12\n')).toMatchObject({ code: 1, stderr: 'hotline users: A PIN is 4 to 8 digits.\n' });
    expect(await hotline(['users', 'add', '王芳', '--role', 'agent', '--pin-stdin', '--db', db], '')).toMatchObject({ code: 2, stderr: expect.stringContaining('standard input held no PIN') });
    expect(await hotline(['users', 'add', '李娜', '--role', 'agent', '--db', db])).toMatchObject({ code: 1, stderr: 'hotline users: There is already a profile named "李娜".\n' });
    expect(await hotline(['users', 'add', '王芳', '--role', 'boss', '--db', db])).toMatchObject({ code: 2, stderr: expect.stringContaining('--role agent, team_lead or admin') });
    expect((await hotline(['users', 'list', '--db', db])).stdout.split('\n').filter((l) => l.includes('王芳'))).toEqual([]);

    const empty = path.join(tmp.dir, 'empty.db');
    expect(await hotline(['users', 'add', '王芳', '--role', 'admin', '--db', empty])).toMatchObject({ code: 1, stderr: expect.stringContaining('Set up this desk first') });
  });
});

describe('hotline users list and unlock', () => {
  it('lists who is locked out until when, and unlock clears it from the desk’s machine, in the trail', async () => {
    const db = await freshDesk();
    await hotline(['users', 'add', '王芳', '--role', 'agent', '--pin-stdin', '--db', db], '4821\n');
    // Five wrong PINs through the handlers, as browser mode's API would take them.
    let desk = await openTestDesk({ file: db, setup: false, now: Date.now() });
    const wang = (await desk.ok('listUsers', {})).find((u) => u.name === '王芳')!;
    for (let i = 0; i < 5; i++) await desk.call('signIn', { userId: wang.id, pin: '1111' });
    const until = desk.store.sqlite.prepare('SELECT pin_locked_until FROM users WHERE id = ?').pluck().get(wang.id) as number;
    await desk.store.close();

    const listed = await hotline(['users', 'list', '--db', db]);
    expect(listed.code).toBe(0);
    const lines = listed.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^name\s+role\s+active\s+locked until$/);
    expect(lines.find((l) => l.startsWith('李娜'))).toMatch(/^李娜\s+admin\s+yes\s+—$/);
    const shown = DateTime.fromMillis(until, { zone: 'Asia/Shanghai' }).toFormat('yyyy-MM-dd HH:mm:ss');
    expect(lines.find((l) => l.startsWith('王芳'))).toMatch(new RegExp(`^王芳\\s+agent\\s+yes\\s+${shown} \\(Asia/Shanghai\\)$`));

    expect(await hotline(['users', 'unlock', '王芳', '--db', db])).toMatchObject({ code: 0, stdout: 'Cleared the PIN lock-out of 王芳: they can sign in now.\n' });
    expect((await hotline(['users', 'list', '--db', db])).stdout).toMatch(/王芳\s+agent\s+yes\s+—/);
    expect(await hotline(['users', 'unlock', '王芳', '--db', db])).toMatchObject({ code: 0, stdout: '王芳 was not locked out; nothing to clear.\n' });
    expect(await hotline(['users', 'unlock', '无此人', '--db', db])).toMatchObject({ code: 1, stderr: expect.stringContaining('there is no profile named "无此人"') });

    desk = await openTestDesk({ file: db, setup: false, now: Date.now() });
    try {
      expect(await desk.call('signIn', { userId: wang.id, pin: '4821' })).toMatchObject({ ok: true, value: { name: '王芳' } });
      await desk.ok('signIn', { userId: 1 });
      const { trail, locked } = await desk.ok('getLockouts', {});
      expect(locked).toEqual([]);
      expect(trail.map((e) => [e.event, e.userName, e.failures, e.actor])).toEqual([
        ['unlocked', '王芳', 5, `hotline users unlock (${os.userInfo().username})`],
        ['locked', '王芳', 5, null],
      ]);
    } finally {
      await desk.store.close();
    }
  });

  it('explains itself with --help, and is in the command list', async () => {
    expect(await hotline(['users', '--help'])).toMatchObject({ code: 0, stdout: expect.stringContaining('hotline users add NAME --role agent|team_lead|admin [--pin-stdin]') });
    expect((await hotline(['--help'])).stdout).toMatch(/users\s+list the desk's profiles/);
    expect(await hotline(['users', 'frobnicate'])).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown action') });
  });
});
