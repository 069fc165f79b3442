import type { Kysely, Transaction } from 'kysely';
import type { Database, UserRow } from './schema';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * What the team authors, as the desk keeps it (migration 0013): the map of
 * team policy versions to local policy ids, and the team ids of profiles.
 */

/** The newest team policy version this desk has saved; 0 for none. */
export async function latestPulledVersion(db: Db): Promise<number> {
  const row = await db
    .selectFrom('team_policy_versions')
    .select((eb) => eb.fn.max('server_version').as('v'))
    .executeTakeFirst();
  return Number(row?.v ?? 0);
}

/** Remembers that team version `serverVersion` became local policy `policyId`: in the transaction that saved it. */
export async function mapTeamVersion(db: Db, serverVersion: number, policyId: number, at: number): Promise<void> {
  await db.insertInto('team_policy_versions').values({ server_version: serverVersion, policy_id: policyId, pulled_at: at }).execute();
}

/** Every team version this desk has, oldest first, with its local id. */
export async function teamVersionMap(db: Db): Promise<Array<{ server_version: number; policy_id: number; pulled_at: number }>> {
  return db.selectFrom('team_policy_versions').selectAll().orderBy('server_version').execute();
}

export async function findUserByTeamId(db: Db, teamId: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('team_id', '=', teamId).executeTakeFirst();
}

/** A profile pulled from the team: no PIN hash (the server has none), so it starts inactive until a local admin gives it a PIN. */
export async function insertTeamUser(db: Db, user: Pick<UserRow, 'name' | 'role' | 'team_id' | 'created_at'>): Promise<number> {
  const row = await db
    .insertInto('users')
    .values({ ...user, pin_hash: null, active: 0 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The team's side of a profile: its id, name, role and whether it may be used; never its PIN. */
export async function updateTeamUser(db: Db, id: number, changes: Partial<Pick<UserRow, 'name' | 'role' | 'team_id' | 'active'>>): Promise<void> {
  await db.updateTable('users').set(changes).where('id', '=', id).execute();
}
