import { CALL_COLUMNS } from '../0001/tables';

/**
 * Migration 0005's row types of a push, as SQL text. Frozen once released: a
 * desk writes these very columns in this very order (teamStore/pushRows.ts),
 * so a later change is a new type and a new push function.
 *
 * A push_records_v2 batch is one array of these per table: the server reads
 * each element with the columns' own input functions (as COPY does), where
 * 0002's jsonb had every key of every record parsed into a tree, then looked
 * up by name. A child names its call by its 1-based place in the batch's
 * calls (call_index), not by record number: a record named twice in a batch
 * keeps the children of the element that counts.
 */

/** A column's bare type: CALL_COLUMNS' constraints are the table's, not the row type's. */
const bare = (type: string) => type.split(' ')[0]!;

export const PUSH_CALL_FIELDS: ReadonlyArray<readonly [string, string]> = [
  ['seq', 'bigint'],
  ['desk_code', 'text'],
  ['record_no', 'text'],
  ...CALL_COLUMNS.map(([name, type]) => [name, bare(type)] as const),
];
export const PUSH_TRANSFER_FIELDS = [['call_index', 'integer'], ['seq', 'integer'], ['to_owner', 'text'], ['transferred_at', 'bigint'], ['answered_at', 'bigint'], ['due_at', 'bigint']] as const;
export const PUSH_STEP_FIELDS = [['call_index', 'integer'], ['n', 'integer'], ['at', 'bigint'], ['author', 'text'], ['text', 'text']] as const;
export const PUSH_MISS_REASON_FIELDS = [['call_index', 'integer'], ['kind', 'text'], ['idx', 'integer'], ['code', 'text'], ['text', 'text'], ['author', 'text'], ['at', 'bigint']] as const;
export const PUSH_AUDIT_FIELDS = [
  ['call_index', 'integer'],
  ['id', 'bigint'],
  ['field', 'text'],
  ['old_value', 'text'],
  ['new_value', 'text'],
  ['actor', 'text'],
  ['actor_id', 'bigint'],
  ['at', 'bigint'],
  ['reason', 'text'],
] as const;

const type = (name: string, fields: ReadonlyArray<readonly [string, string]>) =>
  `CREATE TYPE hotline_team.${name} AS (${fields.map(([n, t]) => `${n} ${t}`).join(', ')})`;

export const PUSH_TYPE_STATEMENTS: string[] = [
  type('push_call_v2', PUSH_CALL_FIELDS),
  type('push_transfer_v2', PUSH_TRANSFER_FIELDS),
  type('push_step_v2', PUSH_STEP_FIELDS),
  type('push_miss_reason_v2', PUSH_MISS_REASON_FIELDS),
  type('push_audit_v2', PUSH_AUDIT_FIELDS),
];
