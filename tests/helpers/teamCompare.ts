import type BetterSqlite3 from 'better-sqlite3';
import type { PgCluster } from './pgCluster';
import { asSuperuser } from './teamServer';

/**
 * "Nothing lost, nothing doubled": a desk's own records as the server must hold
 * them, and what the server really holds (read as the superuser), in one shape
 * — every column but the local ids (and the server's bookkeeping), and the
 * children — so that a test compares the two with toEqual.
 */
export type ComparableRecord = {
  call: Record<string, unknown>;
  steps: unknown[];
  transfers: unknown[];
  reasons: unknown[];
  audit: unknown[];
};

/** The desk's own records (its desk code only: merged records of other desks stay local), by record number. */
export function localRecords(desk: { store: { sqlite: BetterSqlite3.Database } }): ComparableRecord[] {
  const sqlite = desk.store.sqlite;
  const code = (sqlite.prepare('SELECT code FROM desk').get() as { code: string }).code;
  return (sqlite.prepare('SELECT * FROM calls WHERE desk_code = ? ORDER BY record_no').all(code) as Array<Record<string, unknown>>).map(({ id, import_batch: _b, ...call }) => ({
    call,
    steps: sqlite.prepare('SELECT n, at, author, text FROM steps WHERE call_id = ? ORDER BY n').all(id),
    transfers: sqlite.prepare('SELECT seq, to_owner, transferred_at, answered_at, due_at FROM transfers WHERE call_id = ? ORDER BY seq').all(id),
    reasons: sqlite.prepare('SELECT kind, idx, code, text, author, at FROM miss_reasons WHERE call_id = ? ORDER BY kind, idx').all(id),
    audit: sqlite.prepare('SELECT id, field, old_value, new_value, actor, at, reason FROM audit_log WHERE call_id = ? ORDER BY id').all(id),
  }));
}

/** The desk's records as the server stores them, less its bookkeeping (change mark, arrival, sign-off flag). */
export async function serverRecords(cluster: PgCluster, code: string): Promise<ComparableRecord[]> {
  return asSuperuser(cluster, async (c) => {
    const calls = (await c.query('SELECT * FROM hotline_team.calls WHERE desk_code = $1 ORDER BY record_no', [code])).rows as Array<Record<string, unknown>>;
    // One query per child table for the whole desk, not per record: twenty desks of records stay quick.
    const children = async (sql: string) => {
      const byNo = new Map<string, unknown[]>();
      for (const { record_no, ...row } of (await c.query(sql, [code])).rows as Array<{ record_no: string }>) (byNo.get(record_no) ?? byNo.set(record_no, []).get(record_no)!).push(row);
      return byNo;
    };
    const steps = await children('SELECT record_no, n, at, author, text FROM hotline_team.steps WHERE desk_code = $1 ORDER BY record_no, n');
    const transfers = await children('SELECT record_no, seq, to_owner, transferred_at, answered_at, due_at FROM hotline_team.transfers WHERE desk_code = $1 ORDER BY record_no, seq');
    const reasons = await children('SELECT record_no, kind, idx, code, text, author, at FROM hotline_team.miss_reasons WHERE desk_code = $1 ORDER BY record_no, kind, idx');
    const audit = await children('SELECT record_no, audit_id AS id, field, old_value, new_value, actor, at, reason FROM hotline_team.audit WHERE desk_code = $1 ORDER BY record_no, audit_id');
    return calls.map(({ change_epoch: _e, change_seq: _s, received_at: _r, changed_after_signoff: _c, ...call }) => {
      const no = call.record_no as string;
      return { call, steps: steps.get(no) ?? [], transfers: transfers.get(no) ?? [], reasons: reasons.get(no) ?? [], audit: audit.get(no) ?? [] };
    });
  });
}

/** Records per desk on the server: what team scope counts. */
export async function serverCounts(cluster: PgCluster): Promise<Record<string, number>> {
  return asSuperuser(cluster, async (c) => {
    const { rows } = await c.query<{ desk_code: string; n: number }>('SELECT desk_code, count(*) AS n FROM hotline_team.calls GROUP BY desk_code ORDER BY desk_code');
    return Object.fromEntries(rows.map((r) => [r.desk_code, Number(r.n)]));
  });
}
