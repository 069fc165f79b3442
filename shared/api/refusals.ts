/**
 * What a request was refused for, beyond its error code: a code and its data (a name, a
 * date, the zone typed), so the page says it in its own language (`refusal.<code>` in
 * shared/i18n) instead of showing the main process's English (issue 12, "Chinese throughout").
 */
export const REFUSAL_CODES = [
  // — The desk, its people and their profiles —
  'desk_code_format',
  'agent_name_required',
  'name_required',
  /** params: name */
  'name_taken',
  'pin_format',
  'last_admin',
  // — A call's moments and fields —
  'click_too_old',
  'transfer_to_required',
  'step_required',
  /** params: priority */
  'unknown_priority',
  /** params: recordNo, agent */
  'not_own_call',
  // — Corrections of logged times —
  'correction_reason_required',
  'no_such_transfer',
  /** params: date */
  'call_date_fixed',
  'not_closed',
  // — Missed targets —
  'target_not_missed',
  'other_reason_required',
  // — Dates, ranges and queries —
  /** params: date */
  'not_a_date',
  'range_reversed',
  'team_scope_unavailable',
  /** params: entry */
  'inbox_entry_settled',
  'team_unreachable',
  /** Another lead signed the desk's day first (unique per desk and date). params: desk, date, by, at (in the desk's zone) */
  'team_already_signed_off',
  /** params: desk */
  'team_no_such_desk',
  'compared_range_reversed',
  'deadline_before_start',
  'field_required',
  /** params: country */
  'no_holiday_data',
  /** The desk is linked and the team server manages its policy: saved with `hotline team policy import`. */
  'team_policy',
  /** A profile from the team server has no PIN here yet: it may be used only once a local admin gives it one. */
  'team_profile_needs_pin',
  /** A policy text holding a phone- or ID-like number (params: n, how many places). */
  'phone_in_policy',
  // — Files, imports and backups —
  'files_unavailable',
  'backups_unavailable',
  /** No running app here to hold the telephony inputs (the CLI, tests): use HOTLINE_AMI_URL and friends. */
  'telephony_unavailable',
  /** A Telephony card value the environment sets (params: name, the variable). */
  'telephony_from_env',
  'ami_url_invalid',
  /** The CTI endpoint's listen address is not one of this computer's (params: host). */
  'cti_host_unknown',
  /** An allow-list entry that is not an address or CIDR network (params: entry). */
  'cti_source_invalid',
  'cti_sources_required',
  /** params: port */
  'cti_port_invalid',
  'upload_missing',
  'check_or_upload',
  'check_only',
  /** params: zone */
  'not_a_time_zone',
  // — The period report's PDF —
  /** params: detail (the engine's own words) */
  'pdf_not_made',
  /** params: file, detail (the system's code, e.g. EACCES) */
  'pdf_not_written',
] as const;

export type RefusalCode = (typeof REFUSAL_CODES)[number];
export type RefusalParams = Record<string, string | number>;

export interface Refusal {
  code: RefusalCode;
  params: RefusalParams;
}
