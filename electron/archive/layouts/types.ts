import type { ColumnMapping, ImportField, ImportLayout, ImportReasonCode, ImportReasonParams } from '../../../shared/api/archive';
import type { Policy } from '../../../shared/policy/schema';
import type { RowKey } from '../columns';
import type { RawCell } from '../importRead';
import type { CallColumns, RowCells, RowIssue } from '../importRow';

/**
 * A records sheet's layout, recognised from its header row: which columns it
 * has and how one of its rows becomes the cells of the record (RowCells, keyed
 * as the export's columns), so that every layout ends in the same parseRecordRow.
 */
export interface RecordsHeader {
  kind: 'records';
  layout: ImportLayout;
  /** Every non-empty header cell: read, checked or not read. */
  columns: ColumnMapping[];
  /** Headers that match no column of the layout (named in the report). */
  unknown: string[];
  /** Whether the file has a column that fills this key (file-wide checks: desk code, zone). */
  has(key: RowKey): boolean;
  /** The header of the column that holds the row's own number (记录编号, 问题编号), for "appears twice". */
  numberColumn: string;
  /** The cells of one data row, with what the layout found in reading them. */
  read(cells: readonly RawCell[]): LayoutRow;
}

/** One row as the layout read it. */
export interface LayoutRow {
  cells: RowCells;
  problems: RowIssue[];
  notes: RowIssue[];
}

/** A column of a seed layout: the headers it goes by and how its cell fills the record. */
export interface SeedColumn {
  /** Compared by headerKey; a trailing bracket note is ignored (负责人(*) is 负责人). */
  headers: readonly string[];
  /** What it fills (the column mapping shows these); empty for a column that is only checked. */
  fields: readonly ImportField[];
  /** Compared with what the record's times and policy give. */
  checked?: boolean;
  /** Puts the cell (null when blank) into the row; sets its keys whatever the cell holds, so that the file is known to have them. */
  read(cell: RawCell | null, row: SeedRowBuilder): void;
}

/** What a seed column's reader may do with the row being built; every key it sets is named after its column. */
export interface SeedRowBuilder {
  set(key: RowKey, value: RawCell): void;
  note(code: ImportReasonCode, params?: ImportReasonParams): void;
  fail(code: ImportReasonCode, params?: ImportReasonParams): void;
  /**
   * Work left for when the call is built and the policy in force at it known
   * (seed 000's priority from a threshold, seed 004's classification check);
   * what it returns are notes on this column.
   */
  finish(step: FinishStep): void;
}

export type FinishStep = (call: CallColumns, policy: Policy) => Array<{ code: ImportReasonCode; params: ImportReasonParams }>;

export interface SeedLayout {
  id: ImportLayout;
  columns: Readonly<Record<string, SeedColumn>>;
  /** The columns (ids) whose headers together say that a header row is this layout's. */
  identifiedBy: readonly string[];
  /** The column holding the row's own number. */
  numberColumn: string;
}
