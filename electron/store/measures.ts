import type { Kysely, Transaction } from 'kysely';
import type { Database, MeasureRow } from './schema';

type Db = Kysely<Database> | Transaction<Database>;

/** What a team lead types for an improvement measure (优化措施); the figure it is judged by included. */
export type MeasureFields = Omit<MeasureRow, 'id' | 'created_by' | 'created_at'>;

/**
 * The measures, newest start first; with `inForce`, only those in force at
 * some time of that period (started by its end, deadline not before its start),
 * which is what a period report lists.
 */
export async function listMeasureRows(db: Db, inForce?: { from: string; to: string }): Promise<MeasureRow[]> {
  let query = db.selectFrom('improvement_measures').selectAll();
  if (inForce) query = query.where('start_date', '<=', inForce.to).where('deadline', '>=', inForce.from);
  return query.orderBy('start_date', 'desc').orderBy('id', 'desc').execute();
}

export async function insertMeasure(db: Db, fields: MeasureFields, createdBy: string, createdAt: number): Promise<void> {
  await db.insertInto('improvement_measures').values({ ...fields, created_by: createdBy, created_at: createdAt }).execute();
}

/** Rewrites a measure's fields; false when there is no measure of that id (the handler refuses it as not found). */
export async function updateMeasure(db: Db, id: number, fields: MeasureFields): Promise<boolean> {
  const updated = await db.updateTable('improvement_measures').set(fields).where('id', '=', id).executeTakeFirst();
  return updated.numUpdatedRows > 0n;
}
