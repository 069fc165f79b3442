import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../../shared/policy/defaults';
import { policyProblems } from '../../../shared/policy/schema';
import { bundleCli } from '../../helpers/bundle';
import { runCli } from '../../helpers/cli';
import type { PgCluster } from '../../helpers/pgCluster';
import { asSuperuser, startTeamServer } from '../../helpers/teamServer';
import { tempDir } from '../../helpers/tempStore';

// `hotline team policy` and `hotline team users`, through the bundled CLI, on a real PostgreSQL.
describe('hotline team policy and hotline team users', { timeout: 60_000 }, () => {
  let cluster: PgCluster;
  let cli: string;
  let adminUrl: string;
  const tmp = tempDir();
  const versions = () => asSuperuser(cluster, async (c) => (await c.query('SELECT version, effective_from, created_by, reason FROM hotline_team.policy_versions ORDER BY version')).rows);
  beforeAll(async () => {
    [cluster, cli] = await Promise.all([startTeamServer(), bundleCli(tmp.dir)]);
    adminUrl = (await runCli(cli, ['team', 'add-admin', 'ops'], { env: { HOTLINE_TEAM_URL: cluster.superUrl } })).stdout.trim().split('\n').pop()!;
  }, 120_000);
  afterAll(async () => {
    await cluster?.stop();
    tmp.remove();
  }, 60_000);

  it("imports the team's policy (back-dated, with a reason), shows it, and refuses a bad file with every problem, writing nothing", async () => {
    const good = path.join(tmp.dir, 'team-policy.json');
    fs.writeFileSync(good, JSON.stringify(defaultPolicy('Asia/Shanghai')));
    const imported = await runCli(cli, ['team', 'policy', 'import', good, '--from', '2026-09-01', '--reason', '全组统一'], { env: { HOTLINE_TEAM_URL: adminUrl } });
    expect(imported).toMatchObject({ code: 0, stderr: '' });
    expect(imported.stdout).toBe('Team policy version 1 saved, in force from 2026-09-01 00:00 (Asia/Shanghai). Linked desks take it at their next look (about 10 s) and re-judge their records from that day.\n');
    expect(await versions()).toEqual([{ version: 1, effective_from: Date.parse('2026-09-01T00:00:00+08:00'), created_by: 'ops', reason: '全组统一' }]);
    const shown = await runCli(cli, ['team', 'policy', 'show'], { env: { HOTLINE_TEAM_URL: adminUrl } });
    expect(shown.stdout).toBe('Team policy version 1, in force from 2026-09-01 00:00 (Asia/Shanghai), set by ops: 全组统一\n');
    const json = JSON.parse((await runCli(cli, ['team', 'policy', 'show', '--json'], { env: { HOTLINE_TEAM_URL: adminUrl } })).stdout);
    expect(json).toMatchObject({ version: 1, json: defaultPolicy('Asia/Shanghai') });

    const badPolicy = { ...defaultPolicy('Asia/Shanghai'), warningAt: 2, calendar: { timeZone: 'Mars/Base' } };
    const problems = policyProblems(badPolicy);
    expect(problems.length).toBeGreaterThan(1);
    const bad = path.join(tmp.dir, 'bad.json');
    fs.writeFileSync(bad, JSON.stringify(badPolicy));
    const refused = await runCli(cli, ['team', 'policy', 'import', bad], { env: { HOTLINE_TEAM_URL: adminUrl } });
    expect(refused).toMatchObject({ code: 1, stdout: '' });
    expect(refused.stderr).toBe(`hotline team policy: ${bad} was refused; the current policy stays. Problems:\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
    const future = await runCli(cli, ['team', 'policy', 'import', good, '--from', '2999-01-01'], { env: { HOTLINE_TEAM_URL: adminUrl } });
    expect(future).toMatchObject({ code: 1, stderr: 'hotline team policy: --from 2999-01-01: 2999-01-01 has not begun: a version can be in force from today at the latest. Nothing was changed.\n' });
    expect(await versions()).toHaveLength(1);
  });

  it("adds team profiles without a PIN, lists them, and refuses a desk's URL for an admin's work", async () => {
    const added = await runCli(cli, ['team', 'users', 'add', '王芳', '--role', 'agent'], { env: { HOTLINE_TEAM_URL: adminUrl } });
    expect(added).toMatchObject({ code: 0, stderr: '' });
    expect(added.stdout).toMatch(/^Added 王芳 \(agent\) to the team, id [0-9a-f-]{36}\. Desks take it at their next look; it signs in at a desk once a local admin gives it a PIN there\.\n$/);
    expect(await runCli(cli, ['team', 'users', 'add', '王芳', '--role', 'admin'], { env: { HOTLINE_TEAM_URL: adminUrl } })).toMatchObject({ code: 1, stderr: 'hotline team users: the team has a profile named "王芳" already\n' });
    expect((await runCli(cli, ['team', 'users', 'add', '赵强', '--role', 'boss'], { env: { HOTLINE_TEAM_URL: adminUrl } })).code).toBe(2);
    expect((await runCli(cli, ['team', 'users', 'add', '赵强', '--role', 'agent', '--pin-stdin'], { env: { HOTLINE_TEAM_URL: adminUrl }, stdin: '1234\n' })).stderr).toMatch(/PINs stay on each desk/);
    const list = JSON.parse((await runCli(cli, ['team', 'users', 'list', '--json'], { env: { HOTLINE_TEAM_URL: adminUrl } })).stdout);
    expect(list).toEqual([expect.objectContaining({ name: '王芳', role: 'agent', active: true })]);

    const deskUrl = (await runCli(cli, ['team', 'add-desk', 'D9'], { env: { HOTLINE_TEAM_URL: cluster.superUrl } })).stdout.trim().split('\n').pop()!;
    const asDesk = await runCli(cli, ['team', 'users', 'add', '钱七', '--role', 'admin'], { env: { HOTLINE_TEAM_URL: deskUrl } });
    expect(asDesk).toMatchObject({ code: 1, stderr: 'hotline team users: only an admin may change what the team authors: use a URL from hotline team add-admin\n' });
    // A desk reads the team's profiles, but writes none.
    expect(JSON.parse((await runCli(cli, ['team', 'users', 'list', '--json'], { env: { HOTLINE_TEAM_URL: deskUrl } })).stdout)).toHaveLength(1);
  });
});
