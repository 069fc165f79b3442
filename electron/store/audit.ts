import type { Kysely, Transaction } from 'kysely';
import type { AuditRow, Database } from './schema';

type Db = Kysely<Database> | Transaction<Database>;

export async function appendAudit(db: Db, rows: ReadonlyArray<Omit<AuditRow, 'id'>>): Promise<void> {
  if (rows.length > 0) await db.insertInto('audit_log').values([...rows]).execute();
}

export async function listAudit(db: Db, callId: number): Promise<AuditRow[]> {
  return db.selectFrom('audit_log').selectAll().where('call_id', '=', callId).orderBy('id').execute();
}

export async function isSignedOff(db: Db, deskCode: string, localDate: string): Promise<boolean> {
  const row = await db.selectFrom('day_signoffs').select('local_date').where('desk_code', '=', deskCode).where('local_date', '=', localDate).executeTakeFirst();
  return row !== undefined;
}
