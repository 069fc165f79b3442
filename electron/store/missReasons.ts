import type { Kysely, Transaction } from 'kysely';
import type { Database, MissReasonRow } from './schema';

type Db = Kysely<Database> | Transaction<Database>;

/** One reason per missed target; giving it again replaces the earlier wording. */
export async function saveMissReason(db: Db, reason: Omit<MissReasonRow, 'id'>): Promise<void> {
  await db
    .insertInto('miss_reasons')
    .values(reason)
    .onConflict((oc) =>
      oc.columns(['call_id', 'kind', 'idx']).doUpdateSet({ code: reason.code, text: reason.text, author: reason.author, at: reason.at }),
    )
    .execute();
}

export async function listMissReasons(db: Db, callIds: readonly number[]): Promise<MissReasonRow[]> {
  if (callIds.length === 0) return [];
  return db.selectFrom('miss_reasons').selectAll().where('call_id', 'in', callIds).orderBy('call_id').orderBy('kind').orderBy('idx').execute();
}
