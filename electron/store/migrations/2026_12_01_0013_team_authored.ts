import { sql, type Kysely } from 'kysely';

/**
 * What the team authors, as the desk keeps it (issue 14). Each team policy
 * version pulled from the server is saved as a local policy version (through
 * the records core, re-judge included) and mapped here, so the desk knows
 * which server versions it has and the local id each became. A profile pulled
 * from the server carries its team id (stable across renames); its PIN hash
 * never leaves the desk. team_link remembers the digest of the server's
 * profiles it last applied, so an idle desk asks for them only when they changed.
 * Frozen: never import app code here.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typed against no particular schema version
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE team_policy_versions (
    server_version INTEGER PRIMARY KEY,
    policy_id INTEGER NOT NULL UNIQUE REFERENCES policies (id),
    pulled_at INTEGER NOT NULL
  )`.execute(db);
  await sql`ALTER TABLE users ADD COLUMN team_id TEXT`.execute(db);
  await sql`CREATE UNIQUE INDEX users_team_id ON users (team_id) WHERE team_id IS NOT NULL`.execute(db);
  await sql`ALTER TABLE team_link ADD COLUMN profiles_digest TEXT`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE team_link DROP COLUMN profiles_digest`.execute(db);
  await sql`DROP INDEX users_team_id`.execute(db);
  await sql`ALTER TABLE users DROP COLUMN team_id`.execute(db);
  await sql`DROP TABLE team_policy_versions`.execute(db);
}
