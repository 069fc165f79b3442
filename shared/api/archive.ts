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

export interface ImportProblemView {
  sheet?: string;
  /** The row as Excel numbers it (header = 1); 0 for the file as a whole. */
  row: number;
  column: string;
  reason: string;
}

export interface ImportResult {
  fileName: string;
  format: ArchiveFormat;
  layout: 'archive' | 'paper';
  rows: number;
  imported: number;
  skipped: number;
  steps: number;
  /** The first problems (at most MAX_IMPORT_PROBLEMS); `problemCount` says how many there were. */
  problems: ImportProblemView[];
  problemCount: number;
  ignoredColumns: string[];
}

/** A report naming a hundred thousand bad rows helps nobody; the first 500 do, with the count. */
export const MAX_IMPORT_PROBLEMS = 500;

/** Browser mode's upload: a handle the import request names instead of a path. */
export const UPLOAD_ID = /^[A-Za-z0-9_-]{16,64}\.(xlsx|csv)$/;
