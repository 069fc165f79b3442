import type { Kysely, Transaction } from 'kysely';
import type { Database, UserRow } from './schema';

type Db = Kysely<Database> | Transaction<Database>;

export async function listUsers(db: Db): Promise<UserRow[]> {
  return db.selectFrom('users').selectAll().orderBy('name').execute();
}

export async function findUser(db: Db, id: number): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findUserByName(db: Db, name: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('name', '=', name).executeTakeFirst();
}

export async function insertUser(db: Db, user: Pick<UserRow, 'name' | 'role' | 'pin_hash' | 'created_at'>): Promise<number> {
  const row = await db.insertInto('users').values(user).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateUser(db: Db, id: number, changes: Partial<Pick<UserRow, 'name' | 'role' | 'pin_hash' | 'active'>>): Promise<void> {
  await db.updateTable('users').set(changes).where('id', '=', id).execute();
}
