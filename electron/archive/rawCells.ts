/**
 * What a file reader gives the import: kept apart from importRead.ts (which
 * opens files) so that the sheet parser (importSheet.ts) and the reader do not
 * import each other.
 */

/** A cell as read from a file: what a spreadsheet can hold, formulas already replaced by their cached results. */
export type RawCell = string | number | boolean | Date | null;

export interface RawRow {
  /** The row number a spreadsheet shows (1-based). */
  row: number;
  /** cells[0] is column A. */
  cells: RawCell[];
}
