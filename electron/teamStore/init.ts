import { Migrator, sql } from 'kysely';
import type pg from 'pg';
import { connectTeam } from './connect';
import { SERVER_MIGRATIONS, TEAM_SCHEMA_VERSION } from './migrations';

/** A reason `hotline team init` will not go on, in one line. */
export class TeamInitError extends Error {}

const MIN_SERVER_VERSION = 130000;

/** The schema version on the server, or 0 when there is no team schema yet. */
async function serverSchemaVersion(pool: pg.Pool): Promise<number> {
  const client = await pool.connect();
  try {
    const { rows } = await client.query<{ exists: boolean }>("SELECT to_regclass('hotline_team.meta') IS NOT NULL AS exists");
    if (!rows[0]?.exists) return 0;
    // Forced row-level security holds for the owner too; its policy on meta lets it read.
    await client.query('BEGIN');
    await client.query('SET LOCAL ROLE hotline_team_owner');
    const meta = await client.query<{ schema_version: number }>('SELECT schema_version FROM hotline_team.meta WHERE id = 1');
    await client.query('COMMIT');
    return meta.rows[0]?.schema_version ?? 0;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Creates the team schema, or brings it up to this app's version, in one
 * transaction (kysely's Migrator on PostgreSQL runs every pending migration
 * and its bookkeeping row under an advisory lock, with transactional DDL: two
 * inits at once run one after the other). Refuses PostgreSQL before 13 and a
 * schema newer than this app knows. Kysely's own tables live in schema
 * hotline_team_migrations, which no desk or lead may use.
 */
export async function initTeamSchema(url: string): Promise<{ from: number; to: number }> {
  const { pool, db, close } = connectTeam(url, { kind: 'setup' });
  try {
    const { rows } = await pool.query<{ v: string; num: string }>("SELECT current_setting('server_version') AS v, current_setting('server_version_num') AS num");
    const server = rows[0];
    if (!server || Number(server.num) < MIN_SERVER_VERSION) throw new TeamInitError(`PostgreSQL ${server?.v ?? '?'} is too old: the team server needs PostgreSQL 13 or later`);
    const from = await serverSchemaVersion(pool);
    if (from > TEAM_SCHEMA_VERSION) {
      throw new TeamInitError(`the team schema on this server is version ${from}, newer than this app knows (${TEAM_SCHEMA_VERSION}): update the app before running hotline team init`);
    }
    const migrator = new Migrator({ db, provider: { getMigrations: () => Promise.resolve(SERVER_MIGRATIONS) }, migrationTableSchema: 'hotline_team_migrations' });
    const { error } = await migrator.migrateToLatest();
    if (error) throw error instanceof Error ? error : new Error(String(error));
    await sql`REVOKE ALL ON SCHEMA hotline_team_migrations FROM PUBLIC`.execute(db);
    return { from, to: TEAM_SCHEMA_VERSION };
  } finally {
    await close();
  }
}
