import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEAM_SCHEMA_VERSION } from '../../../electron/teamStore/migrations';
import { bundleCli } from '../../helpers/bundle';
import { runCli } from '../../helpers/cli';
import { startCluster, type PgCluster } from '../../helpers/pgCluster';
import { tempDir } from '../../helpers/tempStore';
import { asSuperuser } from '../../helpers/teamServer';

describe('hotline team init and add-desk/lead/admin', { timeout: 60_000 }, () => {
  let cluster: PgCluster;
  let cli: string;
  const tmp = tempDir();
  beforeAll(async () => {
    [cluster, cli] = await Promise.all([startCluster(), bundleCli(tmp.dir)]);
  }, 120_000);
  afterAll(async () => {
    await cluster?.stop();
    tmp.remove();
  }, 60_000);

  it('reads the URL from standard input, creates the schema, and a second init says it is up to date', async () => {
    const first = await runCli(cli, ['team', 'init'], { stdin: `${cluster.superUrl}\n` });
    expect(first).toMatchObject({ code: 0, stdout: `Created the team schema (version ${TEAM_SCHEMA_VERSION}).\n`, stderr: '' });
    const second = await runCli(cli, ['team', 'init'], { env: { HOTLINE_TEAM_URL: cluster.superUrl } });
    expect(second).toMatchObject({ code: 0, stdout: `The team schema is up to date (version ${TEAM_SCHEMA_VERSION}).\n`, stderr: '' });
  });

  it('warns about shell history for --url, and prints a desk URL that logs in as that desk, once', async () => {
    const out = await runCli(cli, ['team', 'add-desk', 'D7', '--url', cluster.superUrl]);
    expect(out.code).toBe(0);
    expect(out.stderr).toMatch(/shell history/);
    const url = out.stdout.trim().split('\n').pop() ?? '';
    const password = new URL(url).password;
    expect(password.length).toBeGreaterThanOrEqual(30);
    expect(out.stdout.split(password).length - 1).toBe(1);
    const client = new pg.Client(url);
    await client.connect();
    try {
      expect((await client.query('SELECT hotline_team.my_desk() AS d')).rows).toEqual([{ d: 'D7' }]);
    } finally {
      await client.end();
    }
    const again = await runCli(cli, ['team', 'add-desk', 'D7'], { env: { HOTLINE_TEAM_URL: cluster.superUrl } });
    expect(again).toMatchObject({ code: 1, stderr: 'hotline team: the role "hotline_desk_D7" exists already\n' });
  });

  it('adds a lead and an admin in their groups', async () => {
    for (const [action, group] of [['add-lead', 'hotline_lead'], ['add-admin', 'hotline_admin']]) {
      const out = await runCli(cli, ['team', action!, 'Wang'], { env: { HOTLINE_TEAM_URL: cluster.superUrl } });
      expect(out.code).toBe(0);
      const client = new pg.Client(out.stdout.trim().split('\n').pop());
      await client.connect();
      try {
        expect((await client.query('SELECT pg_has_role(current_user, $1, $2) AS member', [group, 'MEMBER'])).rows).toEqual([{ member: true }]);
      } finally {
        await client.end();
      }
    }
  });

  it('joins a set-up desk with its URL from standard input, pushes its records, keeps the URL only in the 0600 settings file; status says so; leave keeps every record', async () => {
    const db = path.join(tmp.dir, 'desk.db');
    expect((await runCli(cli, ['setup', '--db', db, '--desk', 'J1', '--name', '王芳', '--zone', 'Asia/Shanghai'])).code).toBe(0);
    expect((await runCli(cli, ['demo', '--db', db, '--records', '20', '--days', '2'])).code).toBe(0);
    const url = (await runCli(cli, ['team', 'add-desk', 'J1'], { env: { HOTLINE_TEAM_URL: cluster.superUrl } })).stdout.trim().split('\n').pop()!;
    const joined = await runCli(cli, ['team', 'join', '--db', db], { stdin: `${url}\n` });
    expect(joined).toMatchObject({ code: 0, stderr: '' });
    expect(joined.stdout).toBe('Desk J1 joined the team server: 20 records pushed, 0 waiting.\n');
    const settings = `${db}.settings.json`;
    expect(fs.statSync(settings).mode & 0o777).toBe(0o600);
    expect(JSON.parse(fs.readFileSync(settings, 'utf8'))).toMatchObject({ teamUrl: url });
    // Not in the database, so no backup carries the password.
    expect(fs.readFileSync(db).includes(Buffer.from(new URL(url).password))).toBe(false);

    const status = await runCli(cli, ['team', 'status', '--db', db]);
    expect(status.stdout).toMatch(/^Team server: up to date\nLast push: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC \(ok\)\n/);
    const json = JSON.parse((await runCli(cli, ['team', 'status', '--db', db, '--json'])).stdout);
    expect(json).toMatchObject({ linked: true, role: 'desk', epoch: 1, waiting: 0, lastOutcome: 'ok', parked: [] });
    expect(JSON.stringify(json)).not.toContain(new URL(url).password);

    const again = await runCli(cli, ['team', 'join', '--db', db], { stdin: `${url}\n` });
    expect(again).toMatchObject({ code: 1, stderr: 'hotline team join: this desk is linked already: `hotline team leave` first to link it again\n' });

    const left = await runCli(cli, ['team', 'leave', '--db', db]);
    expect(left).toMatchObject({ code: 0, stdout: 'This desk left the team server; every record stays here.\n' });
    expect(JSON.parse(fs.readFileSync(settings, 'utf8')).teamUrl).toBeUndefined();
    expect((await runCli(cli, ['team', 'status', '--db', db])).stdout).toBe('Team server: not linked.\n');
  });

  it("refuses a URL that is another desk's, and links nothing", async () => {
    const db = path.join(tmp.dir, 'other.db');
    expect((await runCli(cli, ['setup', '--db', db, '--desk', 'J2', '--name', '王芳', '--zone', 'Asia/Shanghai'])).code).toBe(0);
    const url = (await runCli(cli, ['team', 'add-desk', 'J3'], { env: { HOTLINE_TEAM_URL: cluster.superUrl } })).stdout.trim().split('\n').pop()!;
    const joined = await runCli(cli, ['team', 'join', '--db', db], { env: { HOTLINE_TEAM_URL: url } });
    expect(joined).toMatchObject({ code: 1, stderr: "hotline team join: this database is desk J2, but the URL is desk J3's\n" });
    expect((await runCli(cli, ['team', 'status', '--db', db])).stdout).toBe('Team server: not linked.\n');
  });

  it('a lead sends a miss reason to a desk (checked where it is typed) and sees it pending at that desk', async () => {
    const lead = (await runCli(cli, ['team', 'add-lead', 'Zhao'], { env: { HOTLINE_TEAM_URL: cluster.superUrl } })).stdout.trim().split('\n').pop()!;
    const typo = await runCli(cli, ['team', 'reason', 'J1', 'CS20241201001', '--target', 'response', '--code', 'busy'], { env: { HOTLINE_TEAM_URL: lead } });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/--code: Invalid option/);
    const sent = await runCli(cli, ['team', 'reason', 'J1', 'CS20241201001', '--target', 'response', '--code', 'overload', '--text', '高峰'], { env: { HOTLINE_TEAM_URL: lead } });
    expect(sent).toMatchObject({ code: 0, stderr: '' });
    expect(sent.stdout).toMatch(/^Sent to desk J1 \(inbox entry \d+\): pending at desk J1 until it applies it\.\n$/);
    const listed = await runCli(cli, ['team', 'inbox', '--desk', 'J1'], { env: { HOTLINE_TEAM_URL: lead } });
    expect(listed.stdout).toMatch(/^#\d+ J1 CS20241201001 addMissReason by Zhao: pending at desk J1\n$/);
    // Whatever --by says, the entry names the login; the typed name is kept beside it.
    const typed = await runCli(cli, ['team', 'reason', 'J1', 'CS20241201001', '--target', 'response', '--code', 'overload', '--by', '王主管'], { env: { HOTLINE_TEAM_URL: lead } });
    expect(typed.code).toBe(0);
    const entries = JSON.parse((await runCli(cli, ['team', 'inbox', '--desk', 'J1', '--json'], { env: { HOTLINE_TEAM_URL: lead } })).stdout) as Array<{ created_by: string }>;
    expect(entries.map((e) => e.created_by)).toEqual(['Zhao', 'Zhao']);
    const stored = await asSuperuser(cluster, async (c) => (await c.query("SELECT typed_by FROM hotline_team.inbox WHERE desk_code = 'J1' ORDER BY id")).rows);
    expect(stored).toEqual([{ typed_by: null }, { typed_by: '王主管' }]);
  });
});

