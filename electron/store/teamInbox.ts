import type { Kysely, Transaction } from 'kysely';
import type { Database, NewTeamInbox, TeamInboxRow } from './schema';

type Db = Kysely<Database> | Transaction<Database>;

/** Keeps entries fetched from the server; one already kept (fetched again before it was reported) stays as it is. */
export async function keepInboxEntries(db: Db, entries: readonly NewTeamInbox[]): Promise<number> {
  let kept = 0;
  for (const e of entries) {
    const r = await db.insertInto('team_inbox').values(e).onConflict((oc) => oc.column('id').doNothing()).returning('id').executeTakeFirst();
    if (r) kept++;
  }
  return kept;
}

export async function pendingInbox(db: Db): Promise<TeamInboxRow[]> {
  return db.selectFrom('team_inbox').selectAll().where('state', '=', 'pending').orderBy('id').execute();
}

/** How an entry went: applied (with the change sequence the record got) or refused (with why). */
export async function settleInboxEntry(db: Db, id: number, outcome: { state: 'applied'; at: number; seq: number } | { state: 'refused'; at: number; why: string }): Promise<void> {
  await db
    .updateTable('team_inbox')
    .set(outcome.state === 'applied' ? { state: 'applied', applied_at: outcome.at, applied_seq: outcome.seq } : { state: 'refused', applied_at: outcome.at, outcome: outcome.why })
    .where('id', '=', id)
    .where('state', '=', 'pending')
    .execute();
}

/** Settled entries the server has not been told of yet. */
export async function unreportedInbox(db: Db): Promise<TeamInboxRow[]> {
  return db.selectFrom('team_inbox').selectAll().where('state', '!=', 'pending').where('reported', '=', 0).orderBy('id').execute();
}

export async function markInboxReported(db: Db, ids: readonly number[]): Promise<void> {
  if (ids.length > 0) await db.updateTable('team_inbox').set({ reported: 1 }).where('id', 'in', ids).execute();
}

/** The local id of a record of this desk by its number (the inbox names records by number). */
export async function callIdOf(db: Db, deskCode: string, recordNo: string): Promise<number | undefined> {
  return (await db.selectFrom('calls').select('id').where('desk_code', '=', deskCode).where('record_no', '=', recordNo).executeTakeFirst())?.id;
}

/** The desk's current change sequence (the mark the outbox gave the last change). */
export async function currentSequence(db: Db): Promise<number> {
  return (await db.selectFrom('team_link').select('last_seq').executeTakeFirst())?.last_seq ?? 0;
}

/**
 * Whether an inbox entry still waits to be applied: a change made for it is
 * refused once it is settled, so an entry applied just before a crash is never
 * applied twice.
 */
export async function inboxEntryPending(db: Db, id: number): Promise<boolean> {
  return (await db.selectFrom('team_inbox').select('state').where('id', '=', id).executeTakeFirst())?.state === 'pending';
}

/** Settles an entry as applied inside the transaction of its change, with the change sequence its record got there. */
export async function settleAppliedInTransaction(db: Db, id: number, at: number): Promise<void> {
  const seq = await currentSequence(db);
  await db.updateTable('team_inbox').set({ state: 'applied', applied_at: at, applied_seq: seq }).where('id', '=', id).where('state', '=', 'pending').execute();
}
