import type { ReviewFilter } from '../store/review';

/** The public shapes of the archive: what the CLI and the handlers pass in and get back. */

export type { ArchiveFormat, ArchiveLang, ImportNote, ImportProblem } from '../../shared/api/archive';
import type { ArchiveFormat, ArchiveLang, ImportCounts, ImportInferred, ImportNote, ImportProblem, ImportReasonCode, ImportReasonParams } from '../../shared/api/archive';

export interface ExportOptions {
  /** The Review screen's filter: a range of local dates, and optionally the rest. */
  filter: ReviewFilter;
  format: ArchiveFormat;
  /** Chinese headers and values by default. */
  lang?: ArchiveLang;
  /** Where the file goes; it appears under this name only once complete. */
  file: string;
  /** The instant running targets are judged at ("open" or "not met"). */
  now: number;
  /**
   * Called after each page of records. Units are records visited: an xlsx
   * export visits each record twice (records sheet, then steps sheet), so
   * `total` is twice the record count there; show done/total as a share.
   */
  onProgress?: (done: number, total: number) => void;
  /** Cancels the export: the promise rejects with an AbortError and no file is left behind. */
  signal?: AbortSignal;
  /** Rows per sheet before the records go on in a next sheet (Excel's limit by default; lowered by tests). */
  rowsPerSheet?: number;
}

export interface ExportResult {
  /** Records written. */
  rows: number;
  /** Step rows written (xlsx only; 0 for CSV). */
  steps: number;
  file: string;
}

export interface ImportOptions {
  file: string;
  /** Who imports: the author of miss reasons read from the file, and of steps without one. */
  actor: string;
  now: number;
  /** Desk code for rows without one (a paper record sheet has no desk column). */
  deskCode?: string;
  /** Zone for rows without a time-zone column; default: this database's desk. */
  timeZone?: string;
  /** Read and check everything, write nothing; the report shows the mapping and the first rows as they would be stored. */
  dryRun?: boolean;
  /**
   * Called every few hundred rows read (`total` 0: a streamed file's row count is known only
   * at its end), then while it writes: `done` records written (staged, unseen) of `total`.
   */
  onProgress?: (done: number, total: number) => void;
  /** Cancels the import until it publishes: the promise rejects with an AbortError and nothing stays. */
  signal?: AbortSignal;
}

export interface ImportReport extends ImportCounts {
  file: string;
  /** Problems: while there is one, nothing is imported. */
  errors: ImportProblem[];
  /** Notes: worth a look, never blocking (derived columns that disagree, priorities taken from a default, …). */
  notes: ImportNote[];
  /** Rows with moments worked out from others, and which. */
  inferred: ImportInferred[];
}

/** The file cannot be read at all (not an xlsx or CSV, truncated, damaged, no header row). Nothing was imported. */
export class ArchiveFileError extends Error {
  /** Why, for a translated message (importReasonText); 'no_header' for a file without a known header row. */
  readonly code: ImportReasonCode | null;
  readonly params: ImportReasonParams;

  constructor(message: string, code: ImportReasonCode | null = null, params: ImportReasonParams = {}) {
    super(message);
    this.name = 'ArchiveFileError';
    this.code = code;
    this.params = params;
  }
}
