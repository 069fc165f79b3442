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

/**
 * Why a cell, a row or the whole file was refused or noted: a stable code,
 * shown in the person's language by importReasonText (shared/i18n/importReasons.ts)
 * from the code and its params. Codes are only ever added, never renamed.
 */
export const IMPORT_REASON_CODES = [
  // The whole file (row 0): reported once, not per row.
  'no_header',
  'no_header_closest',
  'no_desk_code',
  'bad_desk_code',
  'desk_code_is_phone',
  'no_zone',
  'bad_zone',
  // A cell or a row: problems (nothing is imported while there is one).
  'record_no_missing',
  'record_no_bad',
  'record_no_date',
  'duplicate_in_file',
  'record_no_taken',
  'record_no_taken_by_ref',
  'source_ref_bad',
  'not_a_date',
  'not_real_date',
  'not_a_time',
  'not_time_of_day',
  'time_needs_date',
  'time_in_gap',
  'time_in_future',
  'call_time_missing',
  'call_not_on_date',
  'answered_before_call',
  'closed_unanswered',
  'closed_before_answer',
  'resolved_before_call',
  'told_before_resolved',
  'callback_before_call',
  'follow_up_before_call',
  'transfer_counts',
  'transfer_no_owner',
  'transfer_no_time',
  'transfer_unanswered_call',
  'transfer_out_of_order',
  'transfer_answered_before',
  'unknown_value',
  'unknown_priority',
  'too_few_digits',
  'too_long',
  'not_minutes',
  'not_duration',
  'not_verdict',
  'not_score',
  'miss_reason_bad',
  'miss_reason_twice',
  'feedback_bad',
  'step_no_bad',
  'step_twice',
  'step_time_missing',
  'step_before_call',
  'step_empty',
  'step_record_unknown',
  // Notes: worth a look, never blocking.
  'derived_disagrees',
  'duration_disagrees',
  'score_disagrees',
  'priority_from_threshold',
  'priority_defaulted',
  'no_agent',
  'phone_no_digits',
  'phone_too_many_digits',
  'phone_not_number',
  'in_progress_no_due',
  'result_open_for_lead',
  'classification_disagrees',
  'callback_no_time',
  'reason_shortened',
  'miss_reason_text',
  'zone_not_desk',
  'zone_no_desk',
  'columns_not_read',
  'columns_checked',
  'targets_not_tracked',
] as const;
export type ImportReasonCode = (typeof IMPORT_REASON_CODES)[number];

/** The values a reason's text is filled with ({value}, {column}, …): plain text and numbers. */
export type ImportReasonParams = Record<string, string | number>;

/** A problem (blocks the import) or a note (does not): where, why as a code, and the English reason. */
export interface ImportProblem {
  /** Sheet name for xlsx files (absent for CSV). */
  sheet?: string;
  /** Spreadsheet row number as Excel shows it (the header is row 1); 0 for the whole file. */
  row: number;
  /** The column's header as written in the file; '' when the problem is the row (or the file) as a whole. */
  column: string;
  code: ImportReasonCode;
  params: ImportReasonParams;
  /** English text of code + params (for logs and older readers; the screens show importReasonText). */
  reason: string;
}

/** Same shape as a problem; a note never stops an import. */
export type ImportNote = ImportProblem;

/**
 * The sheets an import recognises by their header row: this exporter's own
 * ('archive'), seed 003's hotline record sheet ('paper'), seed 000's tracking
 * sheet ('tracking'), seed 004's response record sheet ('response').
 */
export const IMPORT_LAYOUTS = ['archive', 'paper', 'tracking', 'response'] as const;
export type ImportLayout = (typeof IMPORT_LAYOUTS)[number];

/**
 * What became of a column: 'read' (it fills fields of the record), 'checked'
 * (compared with what the record's times and policy give, e.g. 实际响应时长;
 * a disagreement is a note), 'notRead' (unknown, named in the report).
 */
export type ColumnUse = 'read' | 'checked' | 'notRead';

export interface ColumnMapping {
  /** The header as written in the file. */
  column: string;
  /** 0 = column A. */
  index: number;
  use: ColumnUse;
  /** The record fields it fills (ImportField keys; empty unless read). */
  fields: ImportField[];
  /** A read column that is also checked (seed 000's 响应时间是否达标 gives the priority and is checked). */
  checked: boolean;
}

/**
 * The record's fields as an import names them (the export's column keys;
 * their zh/en labels are importFieldLabel's, shared/i18n/importReasons.ts).
 */
export const IMPORT_FIELDS = [
  'recordNo', 'sourceRef', 'deskCode', 'timeZone', 'date', 'callAt', 'answeredAt', 'salutation', 'phone', 'reason',
  'category', 'transferTo', 'transferAt', 'transferAnsweredAt', 'handler', 'agent', 'steps', 'result', 'resultNote',
  'feedback', 'feedbackReason', 'remarks', 'missReasons', 'customerType', 'requestType', 'priority',
  'scoreSpeed', 'scoreProfessionalism', 'scoreResolution', 'callbackDone', 'callbackBy', 'callbackOutcome',
  'resolvedAt', 'resultToldAt', 'closedAt', 'followUpDue', 'followUpOwner',
  'leadFollowUpDone', 'leadFollowUpBy', 'leadFollowUpOutcome', 'untrackedTargets',
  // Worked out from others: only ever checked.
  'responseMin', 'secondResponseMin', 'actualResponseMin', 'actualResolutionMin', 'responseMet', 'resolutionMet', 'overallScore', 'callbackDue',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** The moments of a record an import may work out from others when the file leaves them out. */
export const IMPORT_MOMENTS = ['answeredAt', 'resolvedAt', 'resultToldAt', 'closedAt'] as const;
export type ImportMoment = (typeof IMPORT_MOMENTS)[number];

/** A row whose file left some moments out: which were worked out, and from what (see docs/excel.md). */
export interface ImportInferred {
  sheet?: string;
  row: number;
  moments: ImportMoment[];
}

export type ImportVerdict = 'met' | 'notMet' | 'open';
/** 'unplanned': not compared with the database (a row of an import refused for other problems). */
export type ImportRowStatus = 'new' | 'present' | 'clash' | 'unplanned';

/** One row as it would be stored: times as wall-clock text in `timeZone`, which is named. */
export interface ImportPreviewRow {
  sheet?: string;
  row: number;
  /** The record number it keeps (archive, paper) or would get (the desk's next CS serial of its date). */
  recordNo: string;
  /** The file's own number (TECH20240501001, 20231027001), kept as the re-import key; null when none. */
  sourceRef: string | null;
  deskCode: string;
  timeZone: string;
  /** 'YYYY-MM-DD HH:mm' in timeZone (':ss' when the time has seconds); null when the record has none. */
  callAt: string;
  /** The call time at this desk (its zone), when the row is read in another zone: where a wrong zone shows. */
  atDesk: string | null;
  answeredAt: string | null;
  resolvedAt: string | null;
  resultToldAt: string | null;
  closedAt: string | null;
  callbackDoneAt: string | null;
  followUpDueAt: string | null;
  /** Which of the above were worked out, not read. */
  inferred: ImportMoment[];
  /** What an import would do with it: add it, leave it (already here), or refuse it (its number is another record's). */
  status: ImportRowStatus;
  /** Stored keys (priority: a level key of the policy in force then). */
  priority: string | null;
  /** The priority's label in that policy (its levels are an admin's to name). */
  priorityLabel: { zh: string; en: string } | null;
  requestType: string | null;
  category: string | null;
  customerType: string | null;
  result: string | null;
  feedback: string | null;
  salutation: string | null;
  phoneLast4: string | null;
  handler: string | null;
  /** '' when the row names no agent (nor handler): the record has none. */
  agent: string;
  responseMinutes: number | null;
  resolutionMinutes: number | null;
  responseMet: ImportVerdict | null;
  resolutionMet: ImportVerdict | null;
  /** The policy version it is judged by (null: the defaults an empty database would get). */
  policyVersion: number | null;
}

/** Where the zone the times were read in came from. */
export type ZoneSource = 'file' | 'option' | 'desk';

/** What an import found and did, whoever reads it (the CLI's report, the Review screen's). */
export interface ImportCounts {
  format: ArchiveFormat;
  /** The layout its header row was recognised as (the first records sheet's). */
  layout: ImportLayout;
  /** Checked only: nothing was written. */
  dryRun: boolean;
  /** CSV only: how its bytes were read. */
  encoding?: 'utf-8' | 'gb18030';
  /** The zone times without a 时区 column are read in, and where it came from; null when there is none. */
  zone: string | null;
  zoneSource: ZoneSource | null;
  /** This desk's zone (null on a fresh database): the preview's atDesk is in it. */
  deskZone: string | null;
  /** The desk rows without a 坐席代码 column belong to (--desk, or this desk). */
  deskCode: string | null;
  /** Data rows read from the records sheet. */
  rows: number;
  /** Records added; 0 whenever there is any problem (all rows or none), and on a dry run. */
  imported: number;
  /** A dry run without problems: the records an import would add (0 otherwise). */
  toImport: number;
  /** Records already present (same desk code and record number, or same source reference): left as they are. */
  skipped: number;
  /** Handling steps added with the imported records. */
  steps: number;
  /** Headers the importer does not know, left unread. */
  ignoredColumns: string[];
  /** Every column of the records sheet: read, checked or not read. */
  columns: ColumnMapping[];
  /** The first rows as they would be stored (at most IMPORT_PREVIEW_ROWS). */
  preview: ImportPreviewRow[];
}

/** The screen's report: the file as the person named it, and the first problems. */
export interface ImportResult extends ImportCounts {
  fileName: string;
  /** The first problems (at most MAX_IMPORT_PROBLEMS); `problemCount` says how many there were. */
  problems: ImportProblem[];
  problemCount: number;
  /** The first notes (at most MAX_IMPORT_PROBLEMS); `noteCount` says how many there were. */
  notes: ImportNote[];
  noteCount: number;
  /** Rows with moments worked out (at most MAX_IMPORT_PROBLEMS); `inferredCount` says how many. */
  inferred: ImportInferred[];
  inferredCount: number;
}

/** A dry run shows this many rows as they would be stored. */
export const IMPORT_PREVIEW_ROWS = 5;

/** A report naming a hundred thousand bad rows helps nobody; the first 500 do, with the count. */
export const MAX_IMPORT_PROBLEMS = 500;

/** Browser mode's upload: a handle the import request names instead of a path. */
export const UPLOAD_ID = /^[A-Za-z0-9_-]{16,64}\.(xlsx|csv)$/;
