import type { Kysely } from 'kysely';
import type { ApiResult } from '../../shared/api/result';
import type { Database } from '../store/schema';
import { findDesk } from '../store/desk';
import { callIdOf, keepInboxEntries, markInboxReported, pendingInbox, settleInboxEntry, unreportedInbox } from '../store/teamInbox';
import { INBOX_METHODS, type deskInbox, type InboxMethod } from '../teamStore/inboxApi';

/**
 * A lead's changes to this desk's records, from the server's inbox: fetched
 * and reported by the sync loop (the worker, on its one connection), applied
 * on the request path by the transport that owns the handlers (the main
 * thread), as the lead's own request: the records core checks it, audits it
 * under the lead's name, and the outbox carries the result back.
 */

/** Runs one request as the lead who sent it (the transport's dispatch with a team-lead session). */
export type InboxApply = (method: InboxMethod, request: Record<string, unknown>, lead: { name: string; entry: number }) => Promise<ApiResult<unknown>>;

type DeskInbox = ReturnType<typeof deskInbox>;

/** Copies the server's pending entries for this desk into the local inbox; returns how many are new. */
export async function fetchInbox(db: Kysely<Database>, server: DeskInbox): Promise<number> {
  const entries = await server.pending();
  return keepInboxEntries(
    db,
    entries.map((e) => ({ id: e.id, record_no: e.record_no, method: e.kind, payload: JSON.stringify(e.payload), created_by: e.created_by, created_at: e.created_at })),
  );
}

/** Tells the server how each settled entry went. */
export async function reportInbox(db: Kysely<Database>, server: DeskInbox): Promise<number> {
  const settled = await unreportedInbox(db);
  for (const e of settled) await server.report(e.id, { at: e.applied_at ?? Date.now(), seq: e.applied_seq, refusal: e.state === 'refused' ? (e.outcome ?? 'refused') : null });
  await markInboxReported(db, settled.map((e) => e.id));
  return settled.length;
}

/** Applies the pending entries in order, each as its lead's request; returns how many were settled. */
export async function applyInbox(db: Kysely<Database>, apply: InboxApply, now: () => number = Date.now): Promise<number> {
  const desk = await findDesk(db);
  if (!desk) return 0;
  let settled = 0;
  for (const entry of await pendingInbox(db)) {
    const refuse = (why: string) => settleInboxEntry(db, entry.id, { state: 'refused', at: now(), why });
    const id = await callIdOf(db, desk.code, entry.record_no);
    if (!(INBOX_METHODS as readonly string[]).includes(entry.method)) await refuse(`unknown_request: ${entry.method}`);
    else if (id === undefined) await refuse(`not_found: there is no record ${entry.record_no} at desk ${desk.code}`);
    else {
      const payload = JSON.parse(entry.payload) as Record<string, unknown>;
      const result = await apply(entry.method as InboxMethod, { ...payload, id }, { name: entry.created_by, entry: entry.id });
      // Applied: the change settled its entry in its own transaction (records/callRecord.ts), so a crash
      // between the two cannot apply it twice. Refused: nothing changed, and the entry says why.
      if (!result.ok) await refuse(`${result.error.code}: ${result.error.message}`);
    }
    settled++;
  }
  return settled;
}
