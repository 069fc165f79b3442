/**
 * The archive as the screens see it: an export running in the background
 * (progress, cancel, where the file went) and the report of an import.
 */

export const ARCHIVE_FORMATS = ['xlsx', 'csv'] as const;
export type ArchiveFormat = (typeof ARCHIVE_FORMATS)[number];
export const ARCHIVE_LANGS = ['zh', 'en'] as const;
export type ArchiveLang = (typeof ARCHIVE_LANGS)[number];

/** An export job's handle: random, URL-safe (browser mode downloads by it). */
export const JOB_ID = /^[A-Za-z0-9_-]{16,64}$/;

export type ExportState = 'running' | 'done' | 'failed' | 'cancelled';

export interface ExportJob {
  job: string;
  state: ExportState;
  /** Records visited and to visit (an xlsx visits each record twice: records, then steps). */
  done: number;
  total: number;
  /** Records and step rows written, once done. */
  rows: number;
  steps: number;
  /** The file's name as the user sees it. */
  fileName: string;
  /** Desktop: the full path the file was saved under. Browser mode: null (the page downloads it). */
  savedTo: string | null;
  /** Browser mode: fetch the finished file from `download/<job>` (once; it is then deleted). */
  download: boolean;
  /** Why it failed (state 'failed'). */
  error?: { code: string; message: string };
}

export interface ImportProblem {
  /** Sheet name for xlsx files (absent for CSV). */
  sheet?: string;
  /** Spreadsheet row number as Excel shows it (the header is row 1); 0 for the whole file. */
  row: number;
  /** The column's header as written in the file; '' when the problem is the row as a whole. */
  column: string;
  reason: string;
}

/** What an import found and did, whoever reads it (the CLI's report, the Review screen's). */
export interface ImportCounts {
  format: ArchiveFormat;
  /** 'archive': this exporter's layout (either language); 'paper': the record sheet's 17 columns only. */
  layout: 'archive' | 'paper';
  /** Data rows read from the records sheet. */
  rows: number;
  /** Records added; 0 whenever there is any problem (all rows or none). */
  imported: number;
  /** Records already present (same desk code and record number): left as they are. */
  skipped: number;
  /** Handling steps added with the imported records. */
  steps: number;
  /** Headers the importer does not know, left unread. */
  ignoredColumns: string[];
}

/** The screen's report: the file as the person named it, and the first problems. */
export interface ImportResult extends ImportCounts {
  fileName: string;
  /** The first problems (at most MAX_IMPORT_PROBLEMS); `problemCount` says how many there were. */
  problems: ImportProblem[];
  problemCount: number;
}

/** A report naming a hundred thousand bad rows helps nobody; the first 500 do, with the count. */
export const MAX_IMPORT_PROBLEMS = 500;

/** Browser mode's upload: a handle the import request names instead of a path. */
export const UPLOAD_ID = /^[A-Za-z0-9_-]{16,64}\.(xlsx|csv)$/;
