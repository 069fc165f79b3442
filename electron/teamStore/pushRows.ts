import { CompiledQuery, type Kysely } from 'kysely';
import type { OutboxEntry, RecordSnapshot } from '../store/outbox';
import type { Database } from '../store/schema';
import { PUSH_AUDIT_FIELDS, PUSH_CALL_FIELDS, PUSH_MISS_REASON_FIELDS, PUSH_STEP_FIELDS, PUSH_TRANSFER_FIELDS } from './migrations/0005/pushTypes';

/**
 * A batch of snapshots as push_records_v2 takes it (migration 0005): one
 * PostgreSQL array literal of rows per table, in the row types' column order,
 * each child naming its call by its 1-based place in the batch. The server
 * reads them with the columns' own input functions, as COPY reads its rows,
 * instead of parsing one jsonb of whole snapshots and looking every column up
 * by name. Five text parameters, whatever the batch's size.
 */
export interface PushRows {
  calls: string;
  transfers: string;
  steps: string;
  missReasons: string;
  audit: string;
}

const ESCAPED = /["\\]/g;

/**
 * A field as it stands inside an array element: the composite literal's field
 * (nothing for null, a number as it is, a text always quoted, so '' is ""), with the
 * array literal's escaping already applied, so each row is written in one pass.
 * A " in a text becomes \" in the row and \\\" in the array; a \ becomes \\\\.
 */
function field(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return `${value}`;
  const text = typeof value === 'string' ? value : typeof value === 'boolean' ? (value ? 't' : 'f') : String(value);
  return `\\"${text.replace(ESCAPED, '\\\\\\$&')}\\"`;
}

/** One row as an element of the array literal: `"(a,b,…)"`. */
function element(first: number, row: Record<string, unknown>, names: readonly string[]): string {
  let out = `"(${first}`;
  for (const name of names) out += `,${field(row[name])}`;
  return `${out})"`;
}

/** The fields' names, in their row type's order. */
const namesOf = (fields: ReadonlyArray<readonly [string, string]>) => fields.map(([name]) => name).slice(1);

const CALL_NAMES = PUSH_CALL_FIELDS.map(([name]) => name).slice(1);
const TRANSFER_NAMES = namesOf(PUSH_TRANSFER_FIELDS);
const STEP_NAMES = namesOf(PUSH_STEP_FIELDS);
const MISS_REASON_NAMES = namesOf(PUSH_MISS_REASON_FIELDS);
const AUDIT_NAMES = namesOf(PUSH_AUDIT_FIELDS);

/**
 * The rows of snapshots held in memory: the text deskPushRows must equal (its
 * test compares them on a real desk), and a batch for anything that has
 * snapshots but not the desk's SQLite (the tests' hand-made records).
 */
export function pushRowsOf(records: readonly RecordSnapshot[]): PushRows {
  const calls: string[] = [];
  const transfers: string[] = [];
  const steps: string[] = [];
  const missReasons: string[] = [];
  const audit: string[] = [];
  // A snapshot without some kind of child has none of it, as push_records reads a missing key.
  const children = (into: string[], place: number, rows: readonly object[] | undefined, names: readonly string[]) => {
    for (const row of rows ?? []) into.push(element(place, row as Record<string, unknown>, names));
  };
  records.forEach((record, i) => {
    const place = i + 1;
    const call = record.call as unknown as Record<string, unknown>;
    // The seq leads each call's row, then the call's own columns (the first of the type after seq is desk_code).
    calls.push(element(record.seq, call, CALL_NAMES));
    children(transfers, place, record.transfers, TRANSFER_NAMES);
    children(steps, place, record.steps, STEP_NAMES);
    children(missReasons, place, record.missReasons, MISS_REASON_NAMES);
    children(audit, place, record.audit, AUDIT_NAMES);
  });
  const array = (rows: string[]) => `{${rows.join(',')}}`;
  return { calls: array(calls), transfers: array(transfers), steps: array(steps), missReasons: array(missReasons), audit: array(audit) };
}

/**
 * A field in SQLite's SQL, written as `field` above writes it (texts always
 * quoted, which record_in takes as well): SQLite builds each row's text, so a
 * catch-up's desk neither makes nor reads an object per row (about 21 µs a
 * record, against some 120 through snapshotsOf's objects and pushRowsOf;
 * docs/benchmarks.md, Team server).
 */
const sqliteField = (column: string) =>
  `CASE WHEN ${column} IS NULL THEN '' WHEN typeof(${column}) IN ('integer', 'real') THEN CAST(${column} AS TEXT) ` +
  `ELSE '\\"' || replace(replace(${column}, '\\', '\\\\\\\\'), '"', '\\\\\\"') || '\\"' END`;
const sqliteElement = (first: string, alias: string, names: readonly string[]) => `'"(' || ${first} || ${names.map((n) => `',' || ${sqliteField(`${alias}.${n}`)}`).join(' || ')} || ')"'`;

/** The batch's calls found, each with its place (1-based, in the entries' order) and its entry's seq. */
const PLACED = `WITH e AS (SELECT j.key AS k, j.value ->> 0 AS call_id, j.value ->> 1 AS seq FROM json_each(?) AS j),
  b AS (SELECT row_number() OVER (ORDER BY e.k) AS place, e.seq, c.id FROM e JOIN calls c ON c.id = e.call_id)`;

/** The queries of one batch's rows, in the row types' order: calls by place, children by place and their own order. */
const DESK_PUSH_ROWS_SQL = {
  calls: `${PLACED} SELECT ${sqliteElement('b.seq', 'c', CALL_NAMES)} AS e FROM b JOIN calls c ON c.id = b.id ORDER BY b.place`,
  transfers: `${PLACED} SELECT ${sqliteElement('b.place', 't', TRANSFER_NAMES)} AS e FROM b JOIN transfers t ON t.call_id = b.id ORDER BY b.place, t.seq`,
  steps: `${PLACED} SELECT ${sqliteElement('b.place', 's', STEP_NAMES)} AS e FROM b JOIN steps s ON s.call_id = b.id ORDER BY b.place, s.n`,
  missReasons: `${PLACED} SELECT ${sqliteElement('b.place', 'm', MISS_REASON_NAMES)} AS e FROM b JOIN miss_reasons m ON m.call_id = b.id ORDER BY b.place, m.kind, m.idx`,
  audit: `${PLACED} SELECT ${sqliteElement('b.place', 'a', AUDIT_NAMES)} AS e FROM b JOIN audit_log a ON a.call_id = b.id ORDER BY b.place, a.id`,
} as const;

/** The entries' records as push_records_v2's rows, written by the desk's SQLite: the same text pushRowsOf writes from their snapshots. */
export async function deskPushRows(db: Kysely<Database>, entries: readonly OutboxEntry[]): Promise<PushRows> {
  const pairs = JSON.stringify(entries.map((e) => [e.call_id, e.seq]));
  const array = async (text: string) => {
    const { rows } = await db.executeQuery<{ e: string }>(CompiledQuery.raw(text, [pairs]));
    return `{${rows.map((r) => r.e).join(',')}}`;
  };
  return {
    calls: await array(DESK_PUSH_ROWS_SQL.calls),
    transfers: await array(DESK_PUSH_ROWS_SQL.transfers),
    steps: await array(DESK_PUSH_ROWS_SQL.steps),
    missReasons: await array(DESK_PUSH_ROWS_SQL.missReasons),
    audit: await array(DESK_PUSH_ROWS_SQL.audit),
  };
}
