import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * The database as kysely sees it. Timestamps are UTC epoch milliseconds;
 * every record also keeps the IANA zone of its desk so it is shown in local time.
 * Vocabulary columns hold the stable keys of shared/domain/fields.ts.
 */
export interface Database {
  desk: DeskTable;
  calls: CallsTable;
  transfers: TransfersTable;
  steps: StepsTable;
  daily_serials: DailySerialsTable;
  policies: PoliciesTable;
  miss_reasons: MissReasonsTable;
  users: UsersTable;
  audit_log: AuditLogTable;
  day_signoffs: DaySignoffsTable;
  improvement_measures: ImprovementMeasuresTable;
  policy_audit: PolicyAuditTable;
  pin_lock_audit: PinLockAuditTable;
  import_batches: ImportBatchesTable;
  team_link: TeamLinkTable;
  outbox: OutboxTable;
  outbox_parked: OutboxParkedTable;
  team_inbox: TeamInboxTable;
  team_policy_versions: TeamPolicyVersionsTable;
  phone_calls: PhoneCallsTable;
  missed_calls: MissedCallsTable;
  missed_serials: DailySerialsTable;
  phone_outbox: PhoneOutboxTable;
  phone_outbox_parked: PhoneOutboxParkedTable;
  queue_snapshots: QueueSnapshotsTable;
}

interface DeskTable {
  /** Always 1: one desk per database file. */
  id: number;
  code: string;
  time_zone: string;
  agent_name: string;
  created_at: number;
}

interface CallsTable {
  id: Generated<number>;
  desk_code: string;
  record_no: string;
  local_date: string;
  time_zone: string;
  agent: string;
  call_at: number;
  answered_at: number | null;
  salutation: string | null;
  phone_last4: string | null;
  customer_type: string | null;
  request_type: string | null;
  category: string | null;
  priority: string | null;
  reason: string | null;
  handler: string | null;
  result: string | null;
  follow_up_due_at: number | null;
  follow_up_owner: string | null;
  result_note: string | null;
  feedback: string | null;
  feedback_reason: string | null;
  score_speed: number | null;
  score_professionalism: number | null;
  score_resolution: number | null;
  remarks: string | null;
  closed_at: number | null;
  created_at: number;
  updated_at: number;
  /** The policy version in force when the call came in: records are judged by it, whatever changes later. */
  policy_id: number | null;
  resolved_at: number | null;
  result_told_at: number | null;
  callback_done_at: number | null;
  callback_by: string | null;
  callback_outcome: string | null;
  lead_follow_up_done_at: number | null;
  lead_follow_up_by: string | null;
  lead_follow_up_outcome: string | null;
  agent_id: number | null;
  /**
   * Due times of the record's targets, worked out by the timing core whenever the
   * record changes (they depend only on its own moments, priority and policy), so
   * that review filters and statistics count met and breached targets in SQL.
   */
  response_due_at: number | null;
  resolution_due_at: number | null;
  transfer_due_at: number | null;
  told_due_at: number | null;
  callback_due_at: number | null;
  lead_due_at: number | null;
  /** 1 when a target that has ended was missed (needs-a-reason targets only). */
  ended_breach: number | null;
  /** The earliest due time among targets still running; past it, the record is breached. */
  next_due_at: number | null;
  /** Hour of day (0–23) of the call in its desk's zone, for peak-hour statistics. */
  local_hour: number | null;
  /**
   * How far (ms) the system clock was found behind an earlier moment of this
   * record when a click was logged (the largest seen); null: never. The review
   * lists these as clock problems.
   */
  clock_behind_ms: number | null;
  /**
   * The record's number in the sheet it was imported from (TECH20240501001,
   * 20231027001): unique per desk, the re-import key; null for calls logged here.
   */
  source_ref: string | null;
  /**
   * Targets an imported record's sheet had no column to record (callback,
   * leadFollowUp, progressUpdate), comma-separated: judged 'na', never due or
   * breached. null for calls logged here (migration 0006).
   */
  untracked_targets: string | null;
  /**
   * The import that brought this record (import_batches.id); null for calls
   * logged here. While its batch is unpublished the record is hidden from every
   * reader (store/visibility.ts), migration 0009.
   */
  import_batch: number | null;
  /**
   * When the record was voided as logged by mistake (migration 0010); null: a
   * real call. A voided record is kept, read-only, and counts in no figure.
   */
  voided_at: number | null;
  /** Who voided it (their name then; the audit row has their id). */
  voided_by: string | null;
  void_reason: string | null;
}

/** One import of a file: staged while published_at is null, its records hidden until then. */
interface ImportBatchesTable {
  id: Generated<number>;
  file: string;
  actor: string;
  started_at: number;
  published_at: number | null;
}

/** The desk's link to a team server (migration 0011): one row while linked. No URL or secret: those stay out of the database and its backups. */
interface TeamLinkTable {
  id: number;
  linked_at: number;
  /** The role of the URL the desk joined with: a lead's or admin's desk still pushes its own calls. */
  role: 'desk' | 'team_lead' | 'admin';
  /** This installation's random id: the server's lease refuses a second live instance of the desk code. */
  instance: string;
  /** The server's count of this desk's incarnations; a desk found behind the server takes the next. */
  epoch: number;
  incarnation: string | null;
  /** The change sequence: each mark of the outbox takes the next. */
  last_seq: number;
  /** The highest sequence the server has acknowledged. */
  pushed_seq: number;
  last_push_at: number | null;
  /** 'ok', or the reason of the last failure, as the status line shows it. */
  last_outcome: string | null;
  unreachable_since: number | null;
  server_policy_version: number | null;
  /** The digest of the server's profiles last applied here (migration 0013): asked for again only when it changes. */
  profiles_digest: Generated<string | null>;
}

/** A team policy version pulled from the server and the local version it was saved as (migration 0013). */
interface TeamPolicyVersionsTable {
  server_version: number;
  policy_id: number;
  pulled_at: number;
}

/** One entry per record with changes the server has not acknowledged: its newest change sequence. */
interface OutboxTable {
  call_id: number;
  seq: number;
}

/** An entry the server refused for good: shown on the desk, and out of the queue's way. */
interface OutboxParkedTable {
  call_id: number;
  seq: number;
  parked_at: number;
  reason: string;
}

/** A team lead's change to one of this desk's records, fetched from the server's inbox (migration 0012). */
interface TeamInboxTable {
  /** The server's entry id. */
  id: number;
  record_no: string;
  /** The request it makes: addMissReason, correctMoment or completeFollowUp. */
  method: string;
  /** The request's fields but the record's id, as JSON. */
  payload: string;
  created_by: string;
  created_at: number;
  state: Generated<'pending' | 'applied' | 'refused'>;
  /** Why it was refused (the refusal's code and message). */
  outcome: string | null;
  applied_at: number | null;
  /** The desk's change sequence once applied: the push that carries it back. */
  applied_seq: number | null;
  /** The server has been told how it went. */
  reported: Generated<number>;
}

/** What the phone system said of one call it showed this desk (migration 0014): the telephony KPIs' facts. */
interface PhoneCallsTable {
  id: Generated<number>;
  pbx: string;
  /** Asterisk's Linkedid, a CTI push's callId: unique with the pbx. */
  call_id: string;
  system: 'ami' | 'cti';
  direction: 'in' | 'out';
  queue: string | null;
  /** The agent interface or user it rang or reached. */
  agent: string | null;
  number_last4: string | null;
  /** Where the times came from: the PBX's own timestamps (carried onto the desk's clock since issue 15's review), or the desk's at arrival. */
  clock: 'pbx' | 'arrival';
  /** Queue entry, or the first ring: the wait counts from here. */
  offered_at: number;
  answered_at: number | null;
  ended_at: number | null;
  cause: string | null;
  wait_sec: number | null;
  talk_sec: number | null;
  hung_up_by: string | null;
  local_date: string;
  local_hour: number;
  /** The record it opened on this desk, if any. */
  call_record_id: number | null;
  /** The missed call it left, if it was never answered. */
  missed_call_id: number | null;
  updated_at: number;
}

/** A call hung up before an answer, abandoned in a queue or not answered (migration 0014): a record kind of its own. */
interface MissedCallsTable {
  id: Generated<number>;
  desk_code: string;
  /** 'MC' + local YYYYMMDD + a daily serial of its own. */
  missed_no: string;
  local_date: string;
  local_hour: number;
  time_zone: string;
  /** When the call came in (queue entry, or first ring). */
  call_at: number;
  ended_at: number;
  wait_sec: number;
  phone_last4: string | null;
  queue: string | null;
  cause: string;
  pbx: string;
  call_id: string;
  policy_id: number | null;
  callback_due_at: number | null;
  called_back_at: number | null;
  called_back_by: string | null;
  called_back_how: 'outboundCall' | 'marked' | null;
  created_at: number;
}

/** A phone_calls or missed_calls row waiting to go to the team server (migration 0015), with its newest change sequence. */
interface PhoneOutboxTable {
  kind: 'call' | 'missed';
  row_id: number;
  seq: number;
}

/** A phone row the team server refused for good, and why; a later change of it tries again. */
interface PhoneOutboxParkedTable {
  kind: 'call' | 'missed';
  row_id: number;
  seq: number;
  parked_at: number;
  reason: string;
}

/** The newest live state of a queue the desk's AMI link watches (migration 0015), for the team board. */
interface QueueSnapshotsTable {
  pbx: string;
  queue: string;
  waiting: number;
  longest_wait_sec: number;
  available: number | null;
  at: number;
  /** 1 once sent to the team server; a new snapshot sets it back to 0. */
  reported: Generated<number>;
}

interface TransfersTable {
  id: Generated<number>;
  call_id: number;
  seq: number;
  to_owner: string;
  transferred_at: number;
  answered_at: number | null;
  /** When its second response falls due. */
  due_at: number | null;
}

interface StepsTable {
  id: Generated<number>;
  call_id: number;
  n: number;
  at: number;
  author: string;
  text: string;
}

interface DailySerialsTable {
  desk_code: string;
  local_date: string;
  last_serial: number;
}

interface PoliciesTable {
  /** The version number people see. */
  id: Generated<number>;
  effective_from: number;
  created_at: number;
  created_by: string;
  /** A policy as shared/policy/schema.ts describes it. */
  json: string;
}

/**
 * The policy-level trail (migration 0007): one row per save or import of a
 * version. Completed once its re-judge is done; then triggers refuse any change.
 */
interface PolicyAuditTable {
  id: Generated<number>;
  policy_id: number;
  actor: string;
  actor_id: number | null;
  at: number;
  /** 'screen', 'cli', or 'before trail' for versions saved before the trail existed. */
  source: string;
  effective_from: number;
  /** The next later version's start when this one was saved; null: open-ended. */
  effective_until: number | null;
  reason: string | null;
  records_rejudged: Generated<number>;
  verdicts_changed: Generated<number>;
  /** JSON array of { deskCode, localDate }. */
  signed_off_days: Generated<string>;
  /** Null while the re-judge is under way (or was interrupted: resumed at start). */
  completed_at: number | null;
}

interface MissReasonsTable {
  id: Generated<number>;
  call_id: number;
  /** A TargetKind of shared/timing/compliance.ts. */
  kind: string;
  /** Which transfer, for second responses; 0 otherwise. */
  idx: number;
  code: string;
  text: string | null;
  author: string;
  at: number;
}

interface UsersTable {
  id: Generated<number>;
  name: string;
  role: 'agent' | 'team_lead' | 'admin';
  /** scrypt$salt$hash, or null for no PIN. */
  pin_hash: string | null;
  active: Generated<number>;
  created_at: number;
  /**
   * Wrong PINs in a row since the last right one (or an unlock). An attempt
   * counts as wrong from before its hash is computed until it proves right.
   */
  pin_failures: Generated<number>;
  /** Until when sign-ins to this profile are refused; null: never locked, or cleared. */
  pin_locked_until: number | null;
  /** The team server's id of this profile (migration 0013): name, role and active come from the team; the PIN stays here. */
  team_id: Generated<string | null>;
}

/** Lock-outs and unlocks of profiles. Append-only: triggers refuse UPDATE and DELETE. */
interface PinLockAuditTable {
  id: Generated<number>;
  user_id: number;
  user_name: string;
  event: 'locked' | 'unlocked';
  at: number;
  failures: number;
  locked_until: number | null;
  actor: string | null;
  actor_id: number | null;
}

/** Append-only: triggers refuse UPDATE and DELETE. */
interface AuditLogTable {
  id: Generated<number>;
  call_id: number;
  field: string;
  old_value: string | null;
  new_value: string | null;
  actor: string;
  actor_id: number | null;
  at: number;
  reason: string | null;
}

interface DaySignoffsTable {
  desk_code: string;
  local_date: string;
  signed_by: string;
  signed_by_id: number | null;
  signed_at: number;
}

interface ImprovementMeasuresTable {
  id: Generated<number>;
  problem: string;
  root_cause: string;
  measure: string;
  owner: string;
  deadline: string;
  start_date: string;
  metric: string;
  created_by: string;
  created_at: number;
}

export type UserRow = Selectable<UsersTable>;
export type PhoneCallRow = Selectable<PhoneCallsTable>;
export type NewPhoneCall = Insertable<PhoneCallsTable>;
export type MissedCallRow = Selectable<MissedCallsTable>;
export type NewMissedCall = Insertable<MissedCallsTable>;
export type PinLockAuditRow = Selectable<PinLockAuditTable>;
export type NewPinLockAudit = Insertable<PinLockAuditTable>;
export type AuditRow = Selectable<AuditLogTable>;
export type MeasureRow = Selectable<ImprovementMeasuresTable>;
export type TeamLinkRow = Selectable<TeamLinkTable>;
export type TeamInboxRow = Selectable<TeamInboxTable>;
export type NewTeamInbox = Insertable<TeamInboxTable>;
export type DaySignoffRow = Selectable<DaySignoffsTable>;
export type NewDaySignoff = Insertable<DaySignoffsTable>;
export type PolicyRow = Selectable<PoliciesTable>;
export type PolicyAuditRow = Selectable<PolicyAuditTable>;
export type NewPolicyAudit = Insertable<PolicyAuditTable>;
export type MissReasonRow = Selectable<MissReasonsTable>;
export type DeskRow = Selectable<DeskTable>;
export type CallRow = Selectable<CallsTable>;
export type NewCall = Insertable<CallsTable>;
export type CallUpdate = Updateable<CallsTable>;
export type TransferRow = Selectable<TransfersTable>;
export type StepRow = Selectable<StepsTable>;
