import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initTeamSchema, TeamInitError } from '../../../electron/teamStore/init';
import { TEAM_SCHEMA_VERSION } from '../../../electron/teamStore/migrations';
import { startCluster, type PgCluster } from '../../helpers/pgCluster';
import { asSuperuser } from '../../helpers/teamServer';

describe('hotline team init on a real PostgreSQL', { timeout: 60_000 }, () => {
  let cluster: PgCluster;
  beforeAll(async () => {
    cluster = await startCluster();
  }, 120_000);
  afterAll(async () => {
    await cluster?.stop();
  }, 60_000);

  it('creates the schema, and a second init finds nothing to do and changes nothing', async () => {
    expect(await initTeamSchema(cluster.superUrl)).toEqual({ from: 0, to: TEAM_SCHEMA_VERSION });
    const objects = () =>
      asSuperuser(cluster, async (c) => (await c.query("SELECT count(*)::int AS n FROM pg_catalog.pg_class WHERE relnamespace = 'hotline_team'::regnamespace")).rows[0].n as number);
    const before = await objects();
    expect(await initTeamSchema(cluster.superUrl)).toEqual({ from: TEAM_SCHEMA_VERSION, to: TEAM_SCHEMA_VERSION });
    expect(await objects()).toBe(before);
  });

  it('has row-level security enabled and forced on every table of the team schema, each owned by the NOLOGIN owner', async () => {
    const tables = await asSuperuser(cluster, async (c) =>
      (
        await c.query(`SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity, r.rolname AS owner, r.rolcanlogin
                         FROM pg_catalog.pg_class c JOIN pg_catalog.pg_roles r ON r.oid = c.relowner
                        WHERE c.relnamespace = 'hotline_team'::regnamespace AND c.relkind IN ('r', 'p') ORDER BY c.relname`)
      ).rows,
    );
    expect(tables.map((t) => t.relname)).toEqual(['audit', 'calls', 'desks', 'inbox', 'meta', 'miss_reasons', 'missed_call_desks', 'missed_calls', 'phone_calls', 'policy_versions', 'profiles', 'queue_snapshots', 'signoffs', 'steps', 'transfers']);
    for (const t of tables) expect({ table: t.relname, rls: t.relrowsecurity, forced: t.relforcerowsecurity, owner: t.owner, login: t.rolcanlogin }).toEqual({ table: t.relname, rls: true, forced: true, owner: 'hotline_team_owner', login: false });
  });

  it('keeps no PIN on the server: profiles have no such column', async () => {
    const columns = await asSuperuser(cluster, async (c) => (await c.query("SELECT column_name FROM information_schema.columns WHERE table_schema = 'hotline_team'")).rows.map((r) => r.column_name as string));
    expect(columns.filter((c) => /pin/i.test(c))).toEqual([]);
  });

  it('keeps the schema version and the app versions it supports', async () => {
    const meta = await asSuperuser(cluster, async (c) => (await c.query('SELECT schema_version, min_app_version, max_app_version FROM hotline_team.meta')).rows);
    expect(meta).toEqual([{ schema_version: TEAM_SCHEMA_VERSION, min_app_version: '0.1.0', max_app_version: null }]);
  });

  it('holds the phone_last4 CHECK on the server too', async () => {
    const err = await asSuperuser(cluster, (c) =>
      c.query("INSERT INTO hotline_team.desks (desk_code, role_name) VALUES ('X', 'nobody_x'); INSERT INTO hotline_team.calls (desk_code, record_no, local_date, time_zone, agent, call_at, created_at, updated_at, phone_last4, change_epoch, change_seq, received_at) VALUES ('X', 'CS20241201001', '2024-12-01', 'UTC', 'a', 1, 1, 1, '13800138000', 1, 1, 1)").catch((e: Error) => e),
    );
    expect(String(err)).toMatch(/phone_last4/);
  });

  it('refuses a schema newer than this app knows, in one line, and changes nothing', async () => {
    await asSuperuser(cluster, (c) => c.query('UPDATE hotline_team.meta SET schema_version = 99'));
    try {
      const err = await initTeamSchema(cluster.superUrl).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(TeamInitError);
      expect((err as Error).message).toBe(`the team schema on this server is version 99, newer than this app knows (${TEAM_SCHEMA_VERSION}): update the app before running hotline team init`);
    } finally {
      await asSuperuser(cluster, (c) => c.query(`UPDATE hotline_team.meta SET schema_version = ${TEAM_SCHEMA_VERSION}`));
    }
  });
});

describe('the throw-away cluster', () => {
  it('fails with one line saying what to install where PostgreSQL is missing', async () => {
    const saved = process.env.HOTLINE_PG_BINDIR;
    process.env.HOTLINE_PG_BINDIR = '/nonexistent/postgresql/bin';
    try {
      await expect(startCluster()).rejects.toThrow(/^PostgreSQL's initdb is not installed: apt-get install postgresql \(scripts\/install-system-deps\.sh\)$/);
    } finally {
      if (saved === undefined) delete process.env.HOTLINE_PG_BINDIR;
      else process.env.HOTLINE_PG_BINDIR = saved;
    }
  });
});
