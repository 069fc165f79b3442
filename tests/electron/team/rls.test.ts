import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TeamConnection } from '../../../electron/teamStore/connect';
import type { PgCluster } from '../../helpers/pgCluster';
import { asSuperuser, callSnapshot, startTeamServer, teamLogin, TestDeskSession } from '../../helpers/teamServer';

/** What is stored of desk B, read as the superuser (row-level security does not hold for it). */
async function deskBRows(cluster: PgCluster) {
  return asSuperuser(cluster, async (c) => ({
    calls: (await c.query("SELECT * FROM hotline_team.calls WHERE desk_code = 'B' ORDER BY record_no")).rows,
    transfers: (await c.query("SELECT * FROM hotline_team.transfers WHERE desk_code = 'B'")).rows,
    audit: (await c.query("SELECT * FROM hotline_team.audit WHERE desk_code = 'B'")).rows,
    inbox: (await c.query("SELECT * FROM hotline_team.inbox WHERE desk_code = 'B'")).rows,
    desk: (await c.query("SELECT * FROM hotline_team.desks WHERE desk_code = 'B'")).rows,
    policies: (await c.query('SELECT * FROM hotline_team.policy_versions')).rows,
  }));
}

const refused = async (conn: TeamConnection, text: string, values?: unknown[]) => {
  const err = await conn.query(text, values).then(
    () => null,
    (e: { sqlState?: string; message: string }) => e,
  );
  return err ? `${err.sqlState}: ${err.message}` : 'allowed';
};

describe('row-level security: desk A against desk B, with raw SQL', { timeout: 60_000 }, () => {
  let cluster: PgCluster;
  let a: TeamConnection;
  let b: TeamConnection;
  let lead: TeamConnection;
  let deskA: TestDeskSession;
  let before: Awaited<ReturnType<typeof deskBRows>>;

  beforeAll(async () => {
    cluster = await startTeamServer();
    a = (await teamLogin(cluster, 'desk', 'A')).conn;
    b = (await teamLogin(cluster, 'desk', 'B')).conn;
    lead = (await teamLogin(cluster, 'lead', 'lead1')).conn;
    const deskB = new TestDeskSession(b);
    await deskB.begin();
    await deskB.push([callSnapshot('CS20241201001', 1, { transfers: [{ seq: 1, to_owner: 'IT', transferred_at: 1 }], audit: [{ id: 1, field: 'result', actor: 'x', at: 1 }] })]);
    await lead.query("INSERT INTO hotline_team.inbox (desk_code, record_no, kind, payload, created_by) VALUES ('B', 'CS20241201001', 'missReason', '{}', 'lead one')");
    deskA = new TestDeskSession(a);
    await deskA.begin();
    before = await deskBRows(cluster);
    expect(before.calls).toHaveLength(1);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([a, b, lead].map((c) => c?.close()));
    await cluster?.stop();
  }, 60_000);

  it('shows A none of B rows, on any table', async () => {
    for (const table of ['calls', 'transfers', 'steps', 'miss_reasons', 'audit', 'signoffs', 'inbox']) {
      expect((await a.query(`SELECT * FROM hotline_team.${table} WHERE desk_code = 'B'`)).rows, table).toEqual([]);
    }
    expect((await a.query('SELECT desk_code FROM hotline_team.desks')).rows).toEqual([{ desk_code: 'A' }]);
  });

  it('refuses A inserting, updating and deleting B rows, and touches nothing', async () => {
    const attempts = [
      "INSERT INTO hotline_team.calls (desk_code, record_no, local_date, time_zone, agent, call_at, created_at, updated_at, change_epoch, change_seq, received_at) VALUES ('B', 'CS20241201099', '2024-12-01', 'UTC', 'a', 1, 1, 1, 9, 9, 1)",
      "UPDATE hotline_team.calls SET agent = 'A was here' WHERE desk_code = 'B'",
      "DELETE FROM hotline_team.calls WHERE desk_code = 'B'",
      "INSERT INTO hotline_team.transfers (desk_code, record_no, seq, to_owner, transferred_at) VALUES ('B', 'CS20241201001', 2, 'x', 1)",
      "DELETE FROM hotline_team.transfers WHERE desk_code = 'B'",
      "INSERT INTO hotline_team.audit (desk_code, audit_id, record_no, field, actor, at, change_epoch, change_seq, after_signoff, received_at) VALUES ('B', 2, 'CS20241201001', 'f', 'x', 1, 1, 1, false, 1)",
      "UPDATE hotline_team.audit SET actor = 'x' WHERE desk_code = 'B'",
      "UPDATE hotline_team.desks SET high_water = 0, role_name = session_user WHERE desk_code = 'B'",
      "DELETE FROM hotline_team.inbox WHERE desk_code = 'B'",
      "UPDATE hotline_team.inbox SET payload = '{\"x\":1}' WHERE desk_code = 'B'",
      "INSERT INTO hotline_team.signoffs (desk_code, local_date, signed_by, covered_epoch, covered_seq) VALUES ('B', '2024-12-01', 'A', 1, 1)",
    ];
    for (const sql of attempts) expect(await refused(a, sql), sql).toMatch(/^42501: permission denied/);
    expect(await deskBRows(cluster)).toEqual(before);
  });

  it('lets A write neither the policy nor the profiles', async () => {
    expect(await refused(a, "INSERT INTO hotline_team.policy_versions (effective_from, created_by, json) VALUES (0, 'A', '{}')")).toMatch(/^42501/);
    expect(await refused(a, "UPDATE hotline_team.policy_versions SET json = '{}'")).toMatch(/^42501/);
    expect(await refused(a, "INSERT INTO hotline_team.profiles (name, role) VALUES ('A boss', 'admin')")).toMatch(/^42501/);
    expect(await deskBRows(cluster)).toEqual(before);
  });

  it('reads nothing of B through RETURNING: the one UPDATE A may make (marking its inbox) finds no B row', async () => {
    const { rows } = await a.query("UPDATE hotline_team.inbox SET refusal = 'read through RETURNING' WHERE desk_code = 'B' RETURNING *");
    expect(rows).toEqual([]);
    const all = await a.query("UPDATE hotline_team.inbox SET refusal = refusal WHERE true RETURNING desk_code, payload");
    expect(all.rows).toEqual([]);
    expect(await deskBRows(cluster)).toEqual(before);
  });

  it('refuses TRUNCATE on every table', async () => {
    for (const table of ['calls', 'transfers', 'steps', 'miss_reasons', 'audit', 'desks', 'inbox', 'signoffs', 'policy_versions', 'profiles', 'meta']) {
      expect(await refused(a, `TRUNCATE hotline_team.${table} CASCADE`), table).toMatch(/^42501: permission denied/);
    }
    expect(await deskBRows(cluster)).toEqual(before);
  });

  it('refuses push_records naming desk B, and a push of B record number lands on desk A only', async () => {
    const err = await deskA.push([callSnapshot('CS20241201001', 5, { call: { desk_code: 'B', agent: 'A was here' } })]).catch((e: { sqlState?: string }) => e);
    expect((err as { sqlState?: string }).sqlState).toBe('HT004');
    await deskA.push([callSnapshot('CS20241201001', 6, { call: { agent: 'A own record' }, transfers: [] })]);
    expect(await deskBRows(cluster)).toEqual(before);
    const own = await asSuperuser(cluster, async (c) => (await c.query("SELECT desk_code, agent FROM hotline_team.calls WHERE record_no = 'CS20241201001' ORDER BY desk_code")).rows);
    expect(own).toEqual([
      { desk_code: 'A', agent: 'A own record' },
      { desk_code: 'B', agent: before.calls[0].agent },
    ]);
  });

  it('gives A no way to become someone else: no SET ROLE to a lead or another desk, no SET SESSION AUTHORIZATION, and my_desk() ignores settings', async () => {
    expect(await refused(a, 'SET ROLE hotline_lead')).toMatch(/^42501/);
    expect(await refused(a, 'SET ROLE hotline_team_owner')).toMatch(/^42501/);
    expect(await refused(a, 'SET ROLE "hotline_desk_B"')).toMatch(/^42501/);
    expect(await refused(a, 'SET SESSION AUTHORIZATION "hotline_desk_B"')).toMatch(/^42501/);
    const client = await a.pool.connect();
    try {
      await client.query("SET application_name = 'B'");
      await client.query('SET ROLE hotline_desk');
      expect((await client.query('SELECT hotline_team.my_desk() AS d')).rows).toEqual([{ d: 'A' }]);
      expect((await client.query("SELECT * FROM hotline_team.calls WHERE desk_code = 'B'")).rows).toEqual([]);
      await client.query('RESET ROLE');
    } finally {
      client.release();
    }
  });

  it('lets a lead read every desk and add to the inbox, but not delete, truncate or write the policy', async () => {
    expect((await lead.query("SELECT desk_code FROM hotline_team.calls WHERE desk_code = 'B'")).rows).toHaveLength(1);
    expect(await refused(lead, "DELETE FROM hotline_team.calls WHERE desk_code = 'B'")).toMatch(/^42501/);
    expect(await refused(lead, 'TRUNCATE hotline_team.inbox')).toMatch(/^42501/);
    expect(await refused(lead, "UPDATE hotline_team.inbox SET applied_at = 1 WHERE desk_code = 'B'")).toMatch(/^42501/);
    expect(await refused(lead, "INSERT INTO hotline_team.policy_versions (effective_from, created_by, json) VALUES (0, 'lead', '{}')")).toMatch(/^42501/);
    expect(await refused(lead, "INSERT INTO hotline_team.inbox (desk_code, record_no, kind, payload, created_by, created_by_role) VALUES ('B', 'CS20241201001', 'x', '{}', 'someone', 'hotline_lead_other')")).toMatch(/^42501: new row violates row-level security/);
    expect(await refused(lead, "SELECT hotline_team.push_records(1, gen_random_uuid(), gen_random_uuid(), '0.1.0', 0, '[]')")).toMatch(/^42501/);
    // The lead an entry names is the login's, whatever the SQL says (the typed name is kept beside it).
    const { rows } = await lead.query<{ created_by: string; typed_by: string }>(
      "INSERT INTO hotline_team.inbox (desk_code, record_no, kind, payload, created_by) VALUES ('B', 'CS20241201001', 'x', '{}', '王主管') RETURNING created_by, typed_by",
    );
    expect(rows).toEqual([{ created_by: 'lead1', typed_by: '王主管' }]);
  });

  it('lets an admin write the policy and profiles', async () => {
    const admin = (await teamLogin(cluster, 'admin', 'it1')).conn;
    try {
      await admin.query("INSERT INTO hotline_team.policy_versions (effective_from, created_by, json) VALUES (0, 'it1', '{}')");
      await admin.query("INSERT INTO hotline_team.profiles (name, role) VALUES ('王芳', 'agent')");
      expect((await a.query('SELECT name, role, active FROM hotline_team.profiles')).rows).toEqual([{ name: '王芳', role: 'agent', active: true }]);
      expect((await a.query('SELECT count(*) AS n FROM hotline_team.policy_versions')).rows).toEqual([{ n: 1 }]);
      // A version, once written, is never rewritten: desks pull only newer ones, so a correction is a new version.
      expect(await refused(admin, "UPDATE hotline_team.policy_versions SET json = '{\"x\":1}'")).toMatch(/^42501/);
    } finally {
      await admin.close();
    }
  });

  it("records a sign-off's covered mark as the desk's own, whatever the lead's SQL claims", async () => {
    const mark = await asSuperuser(cluster, async (c) => (await c.query("SELECT epoch, high_water FROM hotline_team.desks WHERE desk_code = 'B'")).rows[0] as { epoch: number; high_water: number });
    await lead.query("INSERT INTO hotline_team.signoffs (desk_code, local_date, signed_by, covered_epoch, covered_seq) VALUES ('B', '2024-11-30', 'lead', 99, 4611686018427387904)");
    const row = await asSuperuser(cluster, async (c) => (await c.query("SELECT covered_epoch, covered_seq FROM hotline_team.signoffs WHERE desk_code = 'B' AND local_date = '2024-11-30'")).rows[0]);
    expect(row).toEqual({ covered_epoch: mark.epoch, covered_seq: mark.high_water });
  });
});
