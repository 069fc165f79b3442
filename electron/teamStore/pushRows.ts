import type { RecordSnapshot } from '../store/outbox';
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

/** Characters that make a composite literal's field need quotes (record_in keeps whitespace, so it is quoted too). */
const NEEDS_QUOTES = /[,()"\\\s]/;
const ESCAPED = /["\\]/g;

/**
 * A field as it stands inside an array element: the composite literal's field
 * (nothing for null, else the value, quoted if it must be, '' as ""), with the
 * array literal's escaping already applied, so each row is written in one pass.
 * A " in a text becomes \" in the row and \\\" in the array; a \ becomes \\\\.
 */
function field(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return `${value}`;
  const text = typeof value === 'string' ? value : typeof value === 'boolean' ? (value ? 't' : 'f') : String(value);
  if (text === '') return '\\"\\"';
  if (!NEEDS_QUOTES.test(text)) return text;
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
