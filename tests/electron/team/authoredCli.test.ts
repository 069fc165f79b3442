import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../../shared/policy/defaults';
import { policyProblems } from '../../../shared/policy/schema';
import { bundleCli } from '../../helpers/bundle';
import { runCli } from '../../helpers/cli';
import type { PgCluster } from '../../helpers/pgCluster';
import { asSuperuser, startTeamServer } from '../../helpers/teamServer';
import { openTestDesk, tempDir } from '../../helpers/tempStore';
import { joinTeam } from '../../../electron/team/join';
import { startSync, waitFor } from '../../helpers/teamSync';

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

  it('renames, deactivates and activates a team profile by name; a linked desk shows the new name, keeps its PIN, and refuses sign-in while it is inactive', async () => {
    const env = { env: { HOTLINE_TEAM_URL: adminUrl } };
    expect((await runCli(cli, ['team', 'users', 'add', '孙丽', '--role', 'agent'], env)).code).toBe(0);
    const teamId = (JSON.parse((await runCli(cli, ['team', 'users', 'list', '--json'], env)).stdout) as Array<{ name: string; team_id: string }>).find((p) => p.name === '孙丽')!.team_id;
    const deskUrl = (await runCli(cli, ['team', 'add-desk', 'R1'], { env: { HOTLINE_TEAM_URL: cluster.superUrl } })).stdout.trim().split('\n').pop()!;
    const desk = await openTestDesk({ code: 'R1', now: Date.now() - 60_000 });
    try {
      await joinTeam(desk.store, deskUrl, { appVersion: '0.1.0' });
      const sync = startSync(desk, deskUrl, { inboxEveryMs: 50 });
      try {
        const local = () => desk.store.db.selectFrom('users').selectAll().where('team_id', '=', teamId).executeTakeFirst();
        expect(await waitFor(async () => (await local()) !== undefined)).toBe(true);
        const id = (await local())!.id;
        await desk.ok('saveUser', { id, name: '孙丽', role: 'agent', pin: '4821', active: true });
        expect(await desk.call('signIn', { userId: id, pin: '4821' })).toMatchObject({ ok: true, value: { name: '孙丽' } });

        const renamed = await runCli(cli, ['team', 'users', 'rename', '孙丽', '孙丽华'], env);
        expect(renamed).toMatchObject({ code: 0, stderr: '' });
        expect(renamed.stdout).toMatch(/^Renamed 孙丽 to 孙丽华 \(team id [0-9a-f-]{36}\)\. Desks show the new name at their next look; its PIN on each desk stays\.\n$/);
        expect(await waitFor(async () => (await local())?.name === '孙丽华')).toBe(true);
        expect(await desk.call('signIn', { userId: id, pin: '4821' })).toMatchObject({ ok: true, value: { name: '孙丽华' } });

        expect(await runCli(cli, ['team', 'users', 'deactivate', '孙丽华'], env)).toMatchObject({ code: 0, stderr: '' });
        expect(await waitFor(async () => (await local())?.active === 0)).toBe(true);
        expect(await desk.call('signIn', { userId: id, pin: '4821' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
        expect(JSON.parse((await runCli(cli, ['team', 'users', 'list', '--json'], env)).stdout)).toContainEqual(expect.objectContaining({ name: '孙丽华', active: false }));

        expect(await runCli(cli, ['team', 'users', 'activate', '孙丽华'], env)).toMatchObject({ code: 0, stderr: '' });
        expect(await waitFor(async () => (await local())?.active === 1)).toBe(true);
        expect(await desk.call('signIn', { userId: id, pin: '4821' })).toMatchObject({ ok: true, value: { name: '孙丽华' } });
      } finally {
        await sync.stop();
      }
    } finally {
      await desk.close();
    }
    // An unknown name, a missing new name, and a desk's URL are refused; nothing changes.
    expect(await runCli(cli, ['team', 'users', 'rename', '无名', '某人'], env)).toMatchObject({ code: 1, stderr: 'hotline team users: the team has no profile named "无名" (hotline team users list shows them)\n' });
    expect((await runCli(cli, ['team', 'users', 'rename', '孙丽华'], env)).code).toBe(2);
    expect(await runCli(cli, ['team', 'users', 'deactivate', '孙丽华'], { env: { HOTLINE_TEAM_URL: deskUrl } })).toMatchObject({
      code: 1,
      stderr: 'hotline team users: only an admin may change what the team authors: use a URL from hotline team add-admin\n',
    });
    expect(JSON.parse((await runCli(cli, ['team', 'users', 'list', '--json'], env)).stdout)).toContainEqual(expect.objectContaining({ name: '孙丽华', active: true }));
  });
});
