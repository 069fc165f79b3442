import type { TeamConnection } from './connect';

/**
 * The server's inbox (migration 0001's hotline_team.inbox): a lead's change
 * for another desk's record, which only that desk applies, through its own
 * records core. A lead may only insert (as its own role) and read; a desk
 * reads its own and marks them applied or refused.
 */

/** The requests a lead may send to a desk: the things that clear a sign-off. */
export const INBOX_METHODS = ['addMissReason', 'correctMoment', 'completeFollowUp'] as const;
export type InboxMethod = (typeof INBOX_METHODS)[number];

export interface InboxEntry {
  id: number;
  desk_code: string;
  record_no: string;
  /** The request's method. */
  kind: string;
  /** The request's fields but the record's id. */
  payload: Record<string, unknown>;
  created_by: string;
  created_at: number;
  applied_at: number | null;
  applied_seq: number | null;
  refusal: string | null;
}

/** A lead's side. */
export function leadInbox(conn: TeamConnection) {
  return {
    /** Puts a change for `deskCode`'s record in the inbox; the desk applies it when it next syncs. */
    async send(entry: { deskCode: string; recordNo: string; method: InboxMethod; payload: Record<string, unknown>; createdBy: string }): Promise<number> {
      const { rows } = await conn.query<{ id: number }>(
        'INSERT INTO hotline_team.inbox (desk_code, record_no, kind, payload, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id',
        [entry.deskCode, entry.recordNo, entry.method, JSON.stringify(entry.payload), entry.createdBy],
      );
      return rows[0]!.id;
    },
    /** Entries, newest first; with `deskCode`, that desk's only. */
    async list(deskCode?: string): Promise<InboxEntry[]> {
      const { rows } = await conn.query<InboxEntry>(
        `SELECT id, desk_code, record_no, kind, payload, created_by, created_at, applied_at, applied_seq, refusal FROM hotline_team.inbox
         ${deskCode ? 'WHERE desk_code = $1' : ''} ORDER BY id DESC LIMIT 500`,
        deskCode ? [deskCode] : [],
      );
      return rows;
    },
    /** One record's entries, oldest first: what a lead's record panel shows as pending, applied or refused. */
    async forRecord(deskCode: string, recordNo: string): Promise<InboxEntry[]> {
      const { rows } = await conn.query<InboxEntry>(
        `SELECT id, desk_code, record_no, kind, payload, created_by, created_at, applied_at, applied_seq, refusal FROM hotline_team.inbox
         WHERE desk_code = $1 AND record_no = $2 ORDER BY id`,
        [deskCode, recordNo],
      );
      return rows;
    },
  };
}

/** A desk's side. */
export function deskInbox(conn: TeamConnection) {
  return {
    /** This desk's entries not yet applied or refused, oldest first. */
    async pending(): Promise<InboxEntry[]> {
      const { rows } = await conn.query<InboxEntry>(
        `SELECT id, desk_code, record_no, kind, payload, created_by, created_at, applied_at, applied_seq, refusal FROM hotline_team.inbox
         WHERE desk_code = hotline_team.my_desk() AND applied_at IS NULL AND refusal IS NULL ORDER BY id LIMIT 200`,
      );
      return rows;
    },
    /** Tells the server how an entry went: applied at `at` with the desk's change sequence, or refused with why. */
    async report(id: number, outcome: { at: number; seq: number | null; refusal: string | null }): Promise<void> {
      await conn.query('UPDATE hotline_team.inbox SET applied_at = $2, applied_seq = $3, refusal = $4 WHERE id = $1 AND desk_code = hotline_team.my_desk()', [
        id,
        outcome.at,
        outcome.seq,
        outcome.refusal,
      ]);
    },
  };
}
