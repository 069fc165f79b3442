import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPolicy, FOUR_LEVELS } from '../../../shared/policy/defaults';
import { bundleForNode } from '../../helpers/bundle';
import { runCli, type CliOptions } from '../../helpers/cli';
import { openTestDesk, tempDir } from '../../helpers/tempStore';

/** `hotline setup` and `hotline policy` on fresh databases, as IT would script 20 desks: the real CLI as a child process. */
const tmp = tempDir();
let cli = '';
let n = 0;
const hotline = (args: string[], options?: CliOptions) => runCli(cli, args, options);
const freshDb = () => path.join(tmp.dir, `desk-${++n}.db`);
const setup = (db: string, extra: string[] = [], options?: CliOptions) =>
  hotline(['setup', '--db', db, '--desk', 'a03', '--zone', 'asia/shanghai', '--name', '张主管', ...extra], options);

/** The database as the app sees it afterwards (opened as is, its first profile signed in). */
async function reopen(db: string) {
  const desk = await openTestDesk({ file: db, setup: false });
  const policies = await desk.store.db.selectFrom('policies').selectAll().execute();
  return { desk, policies };
}

beforeAll(async () => {
  cli = await bundleForNode(path.resolve('electron/cli/entry.ts'), tmp.dir);
});
afterAll(() => tmp.remove());

describe('hotline setup', () => {
  it('sets up a fresh desk as the first run does: code, zone, an admin with the PIN from standard input, the default policy', async () => {
    const db = freshDb();
    const result = await setup(db, ['--pin-stdin'], { stdin: '48213\n' });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain(`Desk A03 is set up (Asia/Shanghai) in ${db}.`);
    expect(result.stdout).toContain('张主管 is its admin, with a PIN.');
    expect(result.stdout).not.toContain('48213');

    const { desk, policies } = await reopen(db);
    expect(await desk.ok('getDesk', {})).toEqual({ code: 'A03', timeZone: 'Asia/Shanghai', agentName: '张主管' });
    const [admin] = await desk.ok('listUsers', {});
    expect(admin).toMatchObject({ name: '张主管', role: 'admin', hasPin: true });
    expect(await desk.call('signIn', { userId: admin!.id, pin: '1111' })).toMatchObject({ ok: false, error: { code: 'wrong_pin' } });
    expect(await desk.ok('signIn', { userId: admin!.id, pin: '48213' })).toMatchObject({ name: '张主管' });
    expect(policies.map((p) => JSON.parse(p.json))).toEqual([defaultPolicy('Asia/Shanghai')]);
    await desk.store.close();
    // Only a hash is stored: a copied database file does not give the PIN away.
    expect(fs.readFileSync(db).includes('48213')).toBe(false);
  });

  it('refuses a desk already set up, with exit code 4, and changes nothing', async () => {
    const db = freshDb();
    expect((await setup(db)).code).toBe(0);
    const again = await hotline(['setup', '--db', db, '--desk', 'B07', '--zone', 'Europe/Berlin', '--name', 'Someone Else']);
    expect(again).toMatchObject({ code: 4, stdout: '' });
    expect(again.stderr).toBe(`hotline setup: ${db} is already set up as desk A03 (Asia/Shanghai); nothing was changed.\n`);
    const { desk } = await reopen(db);
    expect(await desk.ok('getDesk', {})).toEqual({ code: 'A03', timeZone: 'Asia/Shanghai', agentName: '张主管' });
    expect((await desk.ok('listUsers', {})).map((u) => u.name)).toEqual(['张主管']);
    await desk.store.close();
  });

  it('takes no PIN from the command line, where shell history and ps would keep it', async () => {
    const db = freshDb();
    const result = await setup(db, ['--pin', '48213']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('a PIN is never taken on the command line');
    expect(result.stderr).toContain('--pin-stdin');
    const { desk } = await reopen(db);
    expect(await desk.ok('getDesk', {})).toBeNull();
    await desk.store.close();
  });

  it('refuses a bad PIN on standard input, or none, without setting anything up', async () => {
    const db = freshDb();
    expect(await setup(db, ['--pin-stdin'], { stdin: '12\n' })).toMatchObject({
      code: 1,
      stderr: 'hotline setup: the PIN on standard input: A PIN is 4 to 8 digits. Nothing was set up.\n',
    });
    expect(await setup(db, ['--pin-stdin'], { stdin: '' })).toMatchObject({ code: 1, stderr: expect.stringContaining('standard input held no PIN') });
    const { desk } = await reopen(db);
    expect(await desk.ok('getDesk', {})).toBeNull();
    await desk.store.close();
  });

  it.each([
    [['--desk', 'A 03', '--zone', 'Asia/Shanghai', '--name', 'Li'], 'hotline setup: --desk: A desk code is 1–12 letters, digits or hyphens, e.g. A03. Nothing was set up.\n'],
    [['--desk', '13800138000', '--zone', 'Asia/Shanghai', '--name', 'Li'], 'hotline setup: --desk: A desk code is 1–12 letters, digits or hyphens, e.g. A03. Nothing was set up.\n'],
    [['--desk', 'A03', '--zone', 'Mars/Olympus', '--name', 'Li'], 'hotline setup: --zone: Unknown time zone "Mars/Olympus". Nothing was set up.\n'],
    [['--desk', 'A03', '--zone', 'Asia/Shanghai', '--name', '  '], 'hotline setup: --name: Type your name. Nothing was set up.\n'],
  ])('refuses %j, naming the flag', async (args, message) => {
    const db = freshDb();
    expect(await hotline(['setup', '--db', db, ...args])).toMatchObject({ code: 1, stderr: message });
    const { desk } = await reopen(db);
    expect(await desk.ok('getDesk', {})).toBeNull();
    await desk.store.close();
  });

  it('keeps the desk’s language for the app and its start-up warnings with --lang', async () => {
    const db = freshDb();
    const result = await setup(db, ['--lang', 'zh']);
    expect(result).toMatchObject({ code: 0, stdout: expect.stringContaining('Language: 中文.') });
    expect(JSON.parse(fs.readFileSync(`${db}.settings.json`, 'utf8'))).toEqual({ uiLang: 'zh' });
    expect(fs.statSync(`${db}.settings.json`).mode & 0o777).toBe(0o600);
    const other = freshDb();
    expect(await setup(other, ['--lang', 'fr'])).toMatchObject({ code: 2, stderr: expect.stringContaining('--lang must be zh or en, not "fr"') });
    expect(fs.existsSync(`${other}.settings.json`)).toBe(false);
  });

  it('says which flags are missing, and explains itself with --help', async () => {
    const missing = await hotline(['setup', '--db', freshDb(), '--zone', 'Asia/Shanghai']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('hotline setup: say --desk, --name');
    expect(await hotline(['setup', '--help'])).toMatchObject({ code: 0, stdout: expect.stringContaining('--pin-stdin') });
    expect((await hotline(['--help'])).stdout).toMatch(/setup\s+set up a fresh desk/);
  });
});

describe('hotline policy on a fresh database', () => {
  it('exports the default policy in the zone of --zone, else the system’s, and writes nothing', async () => {
    const db = freshDb();
    const berlin = await hotline(['policy', 'export', '--db', db, '--zone', 'europe/berlin']);
    expect(berlin.code).toBe(0);
    expect(JSON.parse(berlin.stdout)).toEqual(defaultPolicy('Europe/Berlin'));
    const system = await hotline(['policy', 'export', '--db', db], { env: { TZ: 'America/New_York' } });
    expect(JSON.parse(system.stdout)).toEqual(defaultPolicy('America/New_York'));
    // Exporting wrote no policy: set-up still starts from the defaults in the desk's own zone.
    expect((await setup(db)).stdout).toContain('Policy: the defaults, in Asia/Shanghai.');
    const { desk, policies } = await reopen(db);
    expect(policies.map((p) => JSON.parse(p.json))).toEqual([defaultPolicy('Asia/Shanghai')]);
    await desk.store.close();
  });

  it('refuses an unknown --zone, and --zone where the policy has its own', async () => {
    const db = freshDb();
    const bad = await hotline(['policy', 'export', '--db', db, '--zone', 'Asia/Atlantis']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--zone: unknown time zone "Asia/Atlantis"');
    await setup(db);
    const set = await hotline(['policy', 'export', '--db', db, '--zone', 'Asia/Shanghai']);
    expect(set.code).toBe(2);
    expect(set.stderr).toContain('--zone is only for a database with no policy yet');
  });

  it('imports a policy before set-up, exports it back, and set-up keeps it instead of adding the defaults', async () => {
    const db = freshDb();
    const file = path.join(tmp.dir, 'team-policy.json');
    const team = { ...defaultPolicy('Asia/Shanghai'), priorities: FOUR_LEVELS, defaultPriority: 'medium', warningAt: 0.7 };
    fs.writeFileSync(file, JSON.stringify(team));
    expect(await hotline(['policy', 'import', file, '--db', db])).toMatchObject({ code: 0, stdout: expect.stringContaining('Policy version 1 is now in force') });
    expect(JSON.parse((await hotline(['policy', 'export', '--db', db])).stdout)).toEqual(team);

    const result = await setup(db, ['--pin-stdin'], { stdin: '4821\n' });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Policy: version 1, imported before set-up, kept.');
    const { desk, policies } = await reopen(db);
    expect(policies.map((p) => JSON.parse(p.json))).toEqual([team]);
    expect((await desk.ok('getPolicy', {})).policy).toEqual(team);
    await desk.store.close();
    expect(JSON.parse((await hotline(['policy', 'export', '--db', db])).stdout)).toEqual(team);
  });

  it('says so when the kept policy’s calendar is in another zone than the desk', async () => {
    const db = freshDb();
    const file = path.join(tmp.dir, 'berlin-policy.json');
    fs.writeFileSync(file, JSON.stringify(defaultPolicy('Europe/Berlin')));
    await hotline(['policy', 'import', file, '--db', db]);
    const result = await setup(db);
    expect(result.stdout).toContain("Note: the policy's calendar is in Europe/Berlin, not the desk's Asia/Shanghai");
  });
});
