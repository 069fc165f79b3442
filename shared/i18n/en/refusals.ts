import type { RefusalCode } from '../../api/refusals';

/**
 * What a request was refused for (shared/api/refusals.ts), {placeholders} from its params.
 * The main process's English message is this text too (shared/i18n/refusals.ts `refuse`).
 */
export const refusals = {
  'refusal.desk_code_format': 'A desk code is 1–12 letters, digits or hyphens, e.g. A03.',
  'refusal.agent_name_required': 'Type your name.',
  'refusal.name_required': 'Type a name.',
  'refusal.name_taken': 'There is already a profile named "{name}".',
  'refusal.pin_format': 'A PIN is 4 to 8 digits.',
  'refusal.last_admin': 'Keep at least one active admin profile.',
  'refusal.click_too_old': 'That click is too old to be logged at its time; click again.',
  'refusal.transfer_to_required': 'Say whom the call goes to (a department or a person).',
  'refusal.step_required': 'Describe the step.',
  'refusal.unknown_priority': '"{priority}" is not a priority of this record\'s policy.',
  'refusal.not_own_call': 'Call {recordNo} was logged by {agent}; only a team lead may change it.',
  'refusal.correction_reason_required': 'Say why the time is corrected.',
  'refusal.no_such_transfer': 'This call has no such transfer.',
  'refusal.call_date_fixed': 'The call time must stay on {date}, the date in its record number.',
  'refusal.not_closed': 'This call is not closed yet.',
  'refusal.target_not_missed': 'That target was not missed, so it needs no reason.',
  'refusal.other_reason_required': 'Describe the reason when choosing "other".',
  'refusal.not_a_date': '"{date}" is not a date.',
  'refusal.range_reversed': 'The range ends before it starts.',
  'refusal.team_scope_unavailable': 'Team scope needs a lead’s or admin’s team server URL on this desk (hotline team join LEAD-URL).',
  'refusal.team_unreachable': 'The team server did not answer: {why}',
  'refusal.compared_range_reversed': 'The compared range ends before it starts.',
  'refusal.deadline_before_start': 'The deadline is before the start.',
  'refusal.field_required': 'This field is needed.',
  'refusal.no_holiday_data': 'No holiday data for "{country}".',
  'refusal.team_policy': 'The team server manages this desk\'s policy: an admin changes it with hotline team policy import.',
  'refusal.team_profile_needs_pin': 'A profile from the team server needs a PIN on this desk before it can be used.',
  'refusal.phone_in_policy': '{n|one text looks|# texts look} like a phone or ID number, which does not belong in a policy: remove it and save again.',
  'refusal.files_unavailable': 'This window cannot save or open files; use hotline export / hotline import.',
  'refusal.backups_unavailable': 'Automatic backups do not run here; use hotline backup --backup-dir DIR.',
  'refusal.upload_missing': 'Choose the file to import first.',
  'refusal.check_or_upload': 'Name either the checked file or an upload, not both.',
  'refusal.check_only': 'A checked file is imported as it was checked (its zone too); name only the check.',
  'refusal.not_a_time_zone': '"{zone}" is not a time zone name (e.g. Asia/Shanghai).',
  'refusal.pdf_not_made': 'The report could not be made into a PDF ({detail}).',
  'refusal.pdf_not_written': 'The PDF could not be written to {file} ({detail}).',
} as const satisfies Record<`refusal.${RefusalCode}`, string>;
