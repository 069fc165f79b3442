import type { ImportReasonCode, ImportReasonParams } from './archive';
import type { Refusal } from './refusals';

/**
 * Errors cross the process boundary as data, never as thrown objects that lose
 * their shape. `code` picks the translated message in the renderer; `message`
 * is the English fallback; `field` names the input the error belongs next to.
 * Every code has its text in both dictionaries (`error.<code>`; tests/shared/i18n/refusals.test.ts).
 */
export const ERROR_CODES = [
  'invalid_request',
  'not_found',
  'desk_not_set_up',
  'desk_already_set_up',
  'time_format',
  'time_nonexistent',
  'time_future',
  'answer_before_call',
  'before_previous_step',
  'already_answered',
  'not_answered',
  'already_closed',
  'no_open_transfer',
  'transfer_pending',
  'phone_too_short',
  'follow_up_due_required',
  'follow_up_due_past',
  'follow_up_owner_required',
  'result_note_required',
  'result_required',
  'feedback_reason_required',
  'miss_reason_required',
  'not_signed_in',
  'forbidden',
  'wrong_pin',
  /** Too many wrong PINs: sign-ins to the profile are refused for a while (problems[0]: seconds to wait). */
  'pin_locked',
  'archived_needs_reason',
  'sign_off_blocked',
  // — Refusals said in the page's language (issue 12): sign-off and set-up. —
  /** Sign-off of a day that has not ended in the desk's zone (problems[0]: the date). */
  'day_not_over',
  /** Sign-off of a day that already is (problems[0]: the date). */
  'already_signed_off',
  /** A local sign-off on a desk linked to a team server: its days are signed off there, by a lead (issue 14). */
  'team_signs_off',
  /** A time-zone name that is no IANA zone (problems[0]: the text typed). */
  'unknown_time_zone',
  // — A record logged by mistake (issue 12, one call one workspace) —
  /** Voiding without saying why. */
  'void_reason_required',
  /** An agent voiding their record after the window (problems: [record number, the window in minutes]). */
  'void_too_late',
  /** A change to a voided record: it is kept as it was voided (problems[0]: the record number). */
  'record_voided',
  /** An export of the Voided filter: voided records are never exported. */
  'voided_not_exported',
  /** A follow-up completed without saying what came of it. */
  'outcome_required',
  /** A follow-up that is no longer open on its record (completed in another window). */
  'follow_up_not_open',
  'invalid_policy',
  /** A policy's effective-from date that is not a real YYYY-MM-DD date. */
  'effective_from_invalid',
  /** A policy's effective-from date after today: a version cannot start on a day that has not begun. */
  'effective_from_future',
  'storage_failed',
  /** An import file that cannot be read at all (not xlsx/CSV, truncated, no header). */
  'file_unreadable',
  /** An export of an empty list. */
  'nothing_to_export',
  /** Another import or export is still running. */
  'busy',
  /**
   * The database stayed locked by other work (a backup, an import in another process) for the
   * request's short wait: nothing was written. The renderer sends the same request again, with
   * the same click instant, so a moment is still logged at the time it was clicked.
   */
  'store_busy',
  /** The person cancelled the import (or Check first) while it read the file: nothing was imported. */
  'import_cancelled',
  /** "Import this file" with a check handle that lapsed, was spent or is another profile's. */
  'import_check_expired',
  /** The checked file's bytes changed between Check first and the import. */
  'import_file_changed',
  /** A folder the admin typed cannot hold the backups (problems[0] says why: 'relative', 'notFolder', …). */
  'backup_dir_unusable',
  /** The period report: this window cannot make a PDF (browser mode prints with the browser; a closed window). */
  'cannot_print',
  /** The period report: the PDF could not be made or written (message says why). */
  'print_failed',
  /** Browser mode only: the server is gone, or the page's key is from another run. */
  'unreachable',
  'token_expired',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiError {
  code: ErrorCode;
  message: string;
  field?: string;
  /** Every problem found, when there can be several (a policy file). */
  problems?: string[];
  /** An import file that cannot be read: why, as the import's reason code, for the reader's language (importReasonText). */
  reason?: { code: ImportReasonCode; params: ImportReasonParams };
  /** What exactly was refused, as a code and its data, said in the reader's language (`refusal.<code>`). */
  refusal?: Refusal;
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** Thrown inside handlers; the dispatcher turns it into an `ApiResult`. */
export class HotlineError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    readonly problems?: string[],
    readonly reason?: ApiError['reason'],
    readonly refusal?: Refusal,
  ) {
    super(message);
    this.name = 'HotlineError';
  }

  toApiError(): ApiError {
    return {
      code: this.code,
      message: this.message,
      ...(this.field === undefined ? {} : { field: this.field }),
      ...(this.problems === undefined ? {} : { problems: this.problems }),
      ...(this.reason === undefined ? {} : { reason: this.reason }),
      ...(this.refusal === undefined ? {} : { refusal: this.refusal }),
    };
  }
}
