import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinTeam } from '../../../electron/team/join';
import { teamStatusOf } from '../../../electron/team/status';
import { connectTeam } from '../../../electron/teamStore/connect';
import { leadInbox } from '../../../electron/teamStore/inboxApi';
import { pendingInbox } from '../../../electron/store/teamInbox';
import { bundleCli } from '../../helpers/bundle';
import { callAtStage } from '../../helpers/callAtStage';
import { runCli } from '../../helpers/cli';
import type { PgCluster } from '../../helpers/pgCluster';
import { asSuperuser, callSnapshot, startTeamServer, teamLogin, TestDeskSession } from '../../helpers/teamServer';
import { startSync, waitFor } from '../../helpers/teamSync';
import { openTestDesk, tempDir } from '../../helpers/tempStore';

// A lead's own desk pushes its calls with the lead's URL (the desk's login role granted to the lead's,
// SET LOCAL ROLE in each push), while the lead's own reads still run as the lead; leave gives the lease back.
describe("a lead's desk and the lease", { timeout: 90_000 }, () => {
  let cluster: PgCluster;
  let cli: string;
  const tmp = tempDir();
  const setup = { env: { HOTLINE_TEAM_URL: '' } };
  const lastLine = (out: string) => out.trim().split('\n').pop()!;
  const add = async (...args: string[]) => {
    const added = await runCli(cli, ['team', ...args], setup);
    expect(added).toMatchObject({ code: 0, stderr: '' });
    return { stdout: added.stdout, url: lastLine(added.stdout) };
  };
  const deskDb = async (name: string, code: string, records = 0) => {
    const db = path.join(tmp.dir, `${name}.db`);
    expect((await runCli(cli, ['setup', '--db', db, '--desk', code, '--name', '王主管', '--zone', 'Asia/Shanghai'])).code).toBe(0);
    if (records > 0) expect((await runCli(cli, ['demo', '--db', db, '--records', String(records), '--days', '1'])).code).toBe(0);
    return db;
  };
  const lease = (code: string) =>
    asSuperuser(cluster, async (c) => (await c.query('SELECT lease_instance, lease_until FROM hotline_team.desks WHERE desk_code = $1', [code])).rows[0] as { lease_instance: string | null; lease_until: number | null });
  const callsOf = (code: string) => asSuperuser(cluster, async (c) => (await c.query('SELECT count(*)::int AS n FROM hotline_team.calls WHERE desk_code = $1', [code])).rows[0].n as number);

  beforeAll(async () => {
    [cluster, cli] = await Promise.all([startTeamServer(), bundleCli(tmp.dir)]);
    setup.env.HOTLINE_TEAM_URL = cluster.superUrl;
  }, 120_000);
  afterAll(async () => {
    await cluster?.stop();
    tmp.remove();
  }, 60_000);

  it("joins a lead's desk with the lead's URL alone: it pushes the desk's calls and reads team scope, and the lead's reads stay the lead's", async () => {
    // Another desk's records, which the lead reads and the lead's desk must not.
    const other = await teamLogin(cluster, 'desk', 'W2');
    const w2 = new TestDeskSession(other.conn);
    await w2.begin();
    await w2.push([callSnapshot('CS20241201001', 1)]);
    await other.conn.close();

    await add('add-desk', 'W1');
    const lead = await add('add-lead', 'wang', '--desk', 'W1');
    expect(lead.stdout).toMatch(/^Added lead wang \(role hotline_lead_wang, which also pushes desk W1's calls where it is joined\)\. Its URL, shown this once:\n/);
    const db = await deskDb('lead-desk', 'W1', 12);

    const joined = await runCli(cli, ['team', 'join', '--db', db], { stdin: `${lead.url}\n` });
    expect(joined).toMatchObject({ code: 0, stderr: '' });
    expect(joined.stdout).toBe(
      "This desk now reads team scope as a lead (Statistics' team switch, hotline stats --team).\nDesk W1 joined the team server with a lead's login: 12 records pushed, 0 waiting.\n",
    );
    expect(await callsOf('W1')).toBe(12);
    const settings = JSON.parse(fs.readFileSync(`${db}.settings.json`, 'utf8')) as Record<string, string>;
    expect(settings).toMatchObject({ teamUrl: lead.url, teamScopeUrl: lead.url });
    // The lease is this PC's, claimed as the desk.
    expect((await lease('W1')).lease_instance).toBe(settings.teamInstance);
    expect((await runCli(cli, ['team', 'status', '--db', db])).stdout).toMatch(/^Team server: up to date\n(.*\n)*Pushing with a lead's login, as this desk\n$/);
    expect(JSON.parse((await runCli(cli, ['team', 'status', '--db', db, '--json'])).stdout)).toMatchObject({ linked: true, role: 'team_lead', waiting: 0 });

    const asLead = connectTeam(lead.url, { kind: 'lead' });
    try {
      // Without SET ROLE the lead is no desk: it reads every desk, and cannot push.
      expect((await asLead.query('SELECT hotline_team.my_desk() AS d')).rows).toEqual([{ d: null }]);
      expect((await asLead.query('SELECT DISTINCT desk_code FROM hotline_team.calls ORDER BY 1')).rows).toEqual([{ desk_code: 'W1' }, { desk_code: 'W2' }]);
      await expect(new TestDeskSession(asLead).push([callSnapshot('CS20241201009', 1)])).rejects.toThrow();
      // Acting as its desk, it is that desk and no other: its own records only.
      asLead.actAs('hotline_desk_W1');
      expect((await asLead.query('SELECT hotline_team.my_desk() AS d')).rows).toEqual([{ d: 'W1' }]);
      expect((await asLead.query('SELECT DISTINCT desk_code FROM hotline_team.calls')).rows).toEqual([{ desk_code: 'W1' }]);
      // No other desk's role was granted: PostgreSQL refuses the SET ROLE.
      asLead.actAs('hotline_desk_W2');
      await expect(asLead.query('SELECT hotline_team.my_desk()')).rejects.toThrow(/permission denied to set role/);
    } finally {
      await asLead.close();
    }
    // A raw session of the lead's: the role lasts the transaction only (SET LOCAL, as PgBouncer's transaction mode needs).
    const client = new pg.Client({ connectionString: lead.url });
    await client.connect();
    try {
      await client.query('BEGIN');
      await client.query('SET LOCAL ROLE "hotline_desk_W1"');
      expect((await client.query('SELECT hotline_team.my_desk() AS d')).rows).toEqual([{ d: 'W1' }]);
      await client.query('COMMIT');
      expect((await client.query('SELECT hotline_team.my_desk() AS d, current_user AS u')).rows).toEqual([{ d: null, u: 'hotline_lead_wang' }]);
    } finally {
      await client.end();
    }

    // Desk W2's own login cannot take W1's role by any setting: not in the start-up options, not with set_config.
    const sneaky = new pg.Client({ connectionString: other.url, options: '-c role=hotline_desk_W1' });
    const connected = await sneaky.connect().then(
      () => true,
      (error: Error) => error.message,
    );
    if (connected === true) {
      try {
        expect((await sneaky.query('SELECT hotline_team.my_desk() AS d')).rows).toEqual([{ d: 'W2' }]);
      } finally {
        await sneaky.end();
      }
    } else expect(connected).toMatch(/permission denied to set role/);
    const w2Raw = new pg.Client({ connectionString: other.url });
    await w2Raw.connect();
    try {
      await expect(w2Raw.query("SELECT set_config('role', 'hotline_desk_W1', false)")).rejects.toThrow(/permission denied to set role/);
      expect((await w2Raw.query('SELECT hotline_team.my_desk() AS d')).rows).toEqual([{ d: 'W2' }]);
    } finally {
      await w2Raw.end();
    }

    // Leaving gives the lease back, as the desk.
    expect((await runCli(cli, ['team', 'leave', '--db', db])).code).toBe(0);
    expect(await lease('W1')).toEqual({ lease_instance: null, lease_until: null });
  });

  it("a lead's desk syncing with the lead's URL pushes a new call and takes the lead's inbox as its own", async () => {
    await add('add-desk', 'W3');
    const lead = await add('add-admin', 'li', '--desk', 'W3');
    const desk = await openTestDesk({ code: 'W3', now: Date.now() - 60_000 });
    try {
      expect(await joinTeam(desk.store, lead.url, { appVersion: '0.1.0' })).toMatchObject({ deskCode: 'W3', login: 'admin' });
      expect(await teamStatusOf(desk.store.db)).toMatchObject({ linked: true, role: 'admin' });
      const sync = startSync(desk, lead.url, { inboxEveryMs: 50 });
      try {
        const call = await callAtStage(desk, 'answered');
        expect(await waitFor(async () => (await callsOf('W3')) === 1)).toBe(true);
        const onServer = await asSuperuser(cluster, async (c) => (await c.query("SELECT record_no FROM hotline_team.calls WHERE desk_code = 'W3'")).rows);
        expect(onServer).toEqual([{ record_no: call.recordNo }]);
        expect((await lease('W3')).lease_instance).not.toBeNull();
        // The admin's own connection (no SET ROLE) sends a change to its desk; the desk's sync fetches it as W3's.
        const asAdmin = connectTeam(lead.url, { kind: 'lead' });
        try {
          await leadInbox(asAdmin).send({ deskCode: 'W3', recordNo: call.recordNo, method: 'addMissReason', payload: { kind: 'response', index: 0, code: 'overload' }, createdBy: '李' });
        } finally {
          await asAdmin.close();
        }
        expect(await waitFor(async () => (await pendingInbox(desk.store.db)).length === 1)).toBe(true);
        expect(await pendingInbox(desk.store.db)).toEqual([expect.objectContaining({ record_no: call.recordNo, created_by: 'li' })]);
      } finally {
        await sync.stop();
      }
    } finally {
      await desk.close();
    }
  });

  it("a lead without this desk's grant gets team scope and a clear word that the desk's calls are not pushed", async () => {
    await add('add-desk', 'W4');
    const lead = await add('add-lead', 'zhou');
    const db = await deskDb('no-grant', 'W4');
    const joined = await runCli(cli, ['team', 'join', '--db', db], { env: { HOTLINE_TEAM_URL: lead.url } });
    expect(joined).toMatchObject({ code: 0, stderr: '' });
    expect(joined.stdout).toBe(
      "This desk now reads team scope as a lead (Statistics' team switch, hotline stats --team). Its own calls are not pushed: this lead's login may not push desk W4's calls: on the team server, add-lead NAME --desk W4 makes a login that may, or join with the URL add-desk printed for W4.\n",
    );
    expect((await runCli(cli, ['team', 'status', '--db', db])).stdout).toBe('Team server: not linked.\n');
    // A grant of a desk that does not exist is refused, and so is --desk on a desk.
    expect(await runCli(cli, ['team', 'add-lead', 'ma', '--desk', 'NOPE'], setup)).toMatchObject({ code: 1, stderr: 'hotline team: there is no desk NOPE on the team server: add it first (hotline team add-desk NOPE)\n' });
    expect((await runCli(cli, ['team', 'add-desk', 'W5', '--desk', 'W4'], setup)).code).toBe(2);
  });

  it('leave releases the lease: another PC with the same desk code joins at once, where before it was refused', async () => {
    const desk = await add('add-desk', 'W6');
    const first = await deskDb('w6-first', 'W6');
    const second = await deskDb('w6-second', 'W6');
    expect((await runCli(cli, ['team', 'join', '--db', first], { env: { HOTLINE_TEAM_URL: desk.url } })).code).toBe(0);
    // While the first PC holds the lease, the second is refused.
    const refused = await runCli(cli, ['team', 'join', '--db', second], { env: { HOTLINE_TEAM_URL: desk.url } });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/in use on another computer/);

    expect(await runCli(cli, ['team', 'leave', '--db', first])).toMatchObject({ code: 0, stdout: 'This desk left the team server; every record stays here.\n' });
    expect(await lease('W6')).toEqual({ lease_instance: null, lease_until: null });
    const joined = await runCli(cli, ['team', 'join', '--db', second], { env: { HOTLINE_TEAM_URL: desk.url } });
    expect(joined).toMatchObject({ code: 0, stderr: '' });
    expect(joined.stdout).toMatch(/^Desk W6 joined the team server/);
    expect((await lease('W6')).lease_instance).toBe((JSON.parse(fs.readFileSync(`${second}.settings.json`, 'utf8')) as { teamInstance: string }).teamInstance);
  });
});
