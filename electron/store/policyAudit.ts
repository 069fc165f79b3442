import type { Kysely, Transaction } from 'kysely';
import type { Database, NewPolicyAudit, PolicyAuditRow } from './schema';

type Db = Kysely<Database> | Transaction<Database>;

/** Starts a trail row for a version being saved; completed by completePolicyAudit once its re-judge is done. */
export async function insertPolicyAudit(db: Db, row: NewPolicyAudit): Promise<number> {
  const inserted = await db.insertInto('policy_audit').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

/** Adds one chunk's counts, in the chunk's own transaction: the counts stay exact across an interruption. */
export async function countRejudged(db: Db, id: number, chunk: { records: number; verdictsChanged: number }): Promise<void> {
  await db
    .updateTable('policy_audit')
    .set((eb) => ({ records_rejudged: eb('records_rejudged', '+', chunk.records), verdicts_changed: eb('verdicts_changed', '+', chunk.verdictsChanged) }))
    .where('id', '=', id)
    .execute();
}

/** Marks the re-judge done; the row never changes again (a trigger refuses it). */
export async function completePolicyAudit(db: Db, id: number, at: number): Promise<PolicyAuditRow> {
  return db.updateTable('policy_audit').set({ completed_at: at }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** The whole trail, newest first. */
export async function listPolicyAudit(db: Db): Promise<PolicyAuditRow[]> {
  return db.selectFrom('policy_audit').selectAll().orderBy('id', 'desc').execute();
}

/** Trail rows whose re-judge never finished (the app stopped mid-way): resumed at start. */
export async function unfinishedPolicyAudits(db: Db): Promise<PolicyAuditRow[]> {
  return db.selectFrom('policy_audit').selectAll().where('completed_at', 'is', null).orderBy('id').execute();
}

/** Trail rows saved at or after `at` (a day's sign-off): the versions that may have re-judged it since. */
export async function policyAuditAfter(db: Db, at: number): Promise<PolicyAuditRow[]> {
  return db.selectFrom('policy_audit').selectAll().where('at', '>=', at).orderBy('id').execute();
}
