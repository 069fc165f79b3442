import type { Kysely, Transaction } from 'kysely';
import type { Database, DeskRow } from './schema';

type Db = Kysely<Database> | Transaction<Database>;

export async function findDesk(db: Db): Promise<DeskRow | undefined> {
  return db.selectFrom('desk').selectAll().where('id', '=', 1).executeTakeFirst();
}

export async function insertDesk(db: Db, desk: Omit<DeskRow, 'id'>): Promise<void> {
  await db.insertInto('desk').values({ id: 1, ...desk }).execute();
}
