import type { Kysely, Transaction } from 'kysely';
import type { Database, NewPolicyAudit, PolicyAuditRow } from './schema';

type Db = Kysely<Database> | Transaction<Database>;

/** Starts a trail row for a version being saved; completed by completePolicyAudit once its re-judge is done. */
export async function insertPolicyAudit(db: Db, row: NewPolicyAudit): Promise<number> {
  const inserted = await db.insertInto('policy_audit').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

/** Records what the re-judge did; the row never changes again (a trigger refuses it). */
export async function completePolicyAudit(db: Db, id: number, done: { records_rejudged: number; verdicts_changed: number; completed_at: number }): Promise<void> {
  await db.updateTable('policy_audit').set(done).where('id', '=', id).execute();
}

/** The whole trail, newest first. */
export async function listPolicyAudit(db: Db): Promise<PolicyAuditRow[]> {
  return db.selectFrom('policy_audit').selectAll().orderBy('id', 'desc').execute();
}

/** Trail rows whose re-judge never finished (the app stopped mid-way): resumed at start. */
export async function unfinishedPolicyAudits(db: Db): Promise<PolicyAuditRow[]> {
  return db.selectFrom('policy_audit').selectAll().where('completed_at', 'is', null).orderBy('id').execute();
}
