import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleCli } from '../../helpers/bundle';
import { runCli } from '../../helpers/cli';
import { startCluster, type PgCluster } from '../../helpers/pgCluster';
import { tempDir } from '../../helpers/tempStore';

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
    expect(first).toMatchObject({ code: 0, stdout: 'Created the team schema (version 1).\n', stderr: '' });
    const second = await runCli(cli, ['team', 'init'], { env: { HOTLINE_TEAM_URL: cluster.superUrl } });
    expect(second).toMatchObject({ code: 0, stdout: 'The team schema is up to date (version 1).\n', stderr: '' });
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
});
