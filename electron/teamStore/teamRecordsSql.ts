import type { RecordSnapshot } from '../store/outbox';
import type { TeamConnection } from './connect';

type Reader = Pick<TeamConnection, 'query'>;

/** A page's key: records in (desk, record number) order. */
export interface TeamRecordKey {
  desk_code: string;
  record_no: string;
}

/** Server columns that are not the desk's record. */
const SERVER_ONLY = ['change_epoch', 'change_seq', 'received_at', 'changed_after_signoff'] as const;

/**
 * The team's records of a period (every desk, or the desks asked for), whole
 * (transfers, steps, miss reasons) and a page at a time after `after`, as a
 * lead reads them for an export: the same snapshots the desks pushed, without
 * their audit rows (an export carries none). Voided records are left out, as
 * every list and export does.
 */
export async function teamRecordsPage(conn: Reader, range: { from: string; to: string; desks?: readonly string[] }, after: TeamRecordKey | null, limit: number): Promise<Array<Omit<RecordSnapshot, 'seq'>>> {
  const calls = await conn.query<Record<string, unknown>>(
    `SELECT * FROM hotline_team.calls
     WHERE local_date BETWEEN $1 AND $2 AND voided_at IS NULL AND ($3::text[] IS NULL OR desk_code = ANY ($3::text[]))
       AND ($4::text IS NULL OR (desk_code, record_no) > ($4::text, $5::text))
     ORDER BY desk_code, record_no LIMIT $6`,
    [range.from, range.to, range.desks ? [...range.desks] : null, after?.desk_code ?? null, after?.record_no ?? '', limit],
  );
  if (calls.rows.length === 0) return [];
  const desks = calls.rows.map((c) => c.desk_code as string);
  const nos = calls.rows.map((c) => c.record_no as string);
  const keyed = 'WHERE (desk_code, record_no) IN (SELECT * FROM unnest($1::text[], $2::text[]))';
  const [transfers, steps, reasons] = await Promise.all([
    conn.query<Record<string, unknown>>(`SELECT desk_code, record_no, seq, to_owner, transferred_at, answered_at, due_at FROM hotline_team.transfers ${keyed} ORDER BY seq`, [desks, nos]),
    conn.query<Record<string, unknown>>(`SELECT desk_code, record_no, n, at, author, text FROM hotline_team.steps ${keyed} ORDER BY n`, [desks, nos]),
    conn.query<Record<string, unknown>>(`SELECT desk_code, record_no, kind, idx, code, text, author, at FROM hotline_team.miss_reasons ${keyed} ORDER BY kind, idx`, [desks, nos]),
  ]);
  const byRecord = (rows: Array<Record<string, unknown>>) => {
    const map = new Map<string, Array<Record<string, unknown>>>();
    for (const { desk_code, record_no, ...rest } of rows) {
      const key = `${String(desk_code)}\u0000${String(record_no)}`;
      (map.get(key) ?? map.set(key, []).get(key)!).push(rest);
    }
    return map;
  };
  const t = byRecord(transfers.rows);
  const s = byRecord(steps.rows);
  const m = byRecord(reasons.rows);
  return calls.rows.map((row) => {
    const call = { ...row };
    for (const column of SERVER_ONLY) delete call[column];
    const key = `${String(row.desk_code)}\u0000${String(row.record_no)}`;
    return {
      call: call as unknown as RecordSnapshot['call'],
      transfers: (t.get(key) ?? []) as unknown as RecordSnapshot['transfers'],
      steps: (s.get(key) ?? []) as unknown as RecordSnapshot['steps'],
      missReasons: (m.get(key) ?? []) as unknown as RecordSnapshot['missReasons'],
      audit: [],
    };
  });
}
