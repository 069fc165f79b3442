import type { RecordSnapshot } from '../store/outbox';
import type { TeamConnection } from './connect';

type Reader = Pick<TeamConnection, 'query'>;

/** One record as the server holds it for a lead: the desk's snapshot, and whether the server flagged it. */
export interface TeamRecordOnServer {
  snapshot: Omit<RecordSnapshot, 'seq'>;
  /** The server stored a change above a sign-off's covered mark (migration 0003's flag). */
  changedAfterSignOff: boolean;
}

/** Server columns that are not the desk's record. */
const SERVER_ONLY = ['change_epoch', 'change_seq', 'received_at', 'changed_after_signoff'] as const;

/**
 * Another desk's record, whole, as a lead opens it from the team's lists: the
 * call, its transfers, steps, miss reasons and audit trail, exactly as the
 * desk last pushed them. Undefined when the server has no such record.
 */
export async function teamRecord(conn: Reader, deskCode: string, recordNo: string): Promise<TeamRecordOnServer | undefined> {
  const key = 'desk_code = $1 AND record_no = $2';
  const args = [deskCode, recordNo];
  const [calls, transfers, steps, reasons, audit] = await Promise.all([
    conn.query<Record<string, unknown>>(`SELECT * FROM hotline_team.calls WHERE ${key}`, args),
    conn.query<Record<string, unknown>>(`SELECT seq, to_owner, transferred_at, answered_at, due_at FROM hotline_team.transfers WHERE ${key} ORDER BY seq`, args),
    conn.query<Record<string, unknown>>(`SELECT n, at, author, text FROM hotline_team.steps WHERE ${key} ORDER BY n`, args),
    conn.query<Record<string, unknown>>(`SELECT kind, idx, code, text, author, at FROM hotline_team.miss_reasons WHERE ${key} ORDER BY kind, idx`, args),
    // In the order the desk wrote them (its audit ids), as the desk's own trail reads.
    conn.query<Record<string, unknown>>(`SELECT audit_id AS id, field, old_value, new_value, actor, actor_id, at, reason FROM hotline_team.audit WHERE ${key} ORDER BY audit_id, at`, args),
  ]);
  const row = calls.rows[0];
  if (!row) return undefined;
  const call = { ...row };
  for (const column of SERVER_ONLY) delete call[column];
  return {
    snapshot: {
      call: call as unknown as RecordSnapshot['call'],
      transfers: transfers.rows as unknown as RecordSnapshot['transfers'],
      steps: steps.rows as unknown as RecordSnapshot['steps'],
      missReasons: reasons.rows as unknown as RecordSnapshot['missReasons'],
      audit: audit.rows as unknown as RecordSnapshot['audit'],
    },
    changedAfterSignOff: row.changed_after_signoff === true,
  };
}
