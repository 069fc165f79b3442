import type { Generated } from 'kysely';

/**
 * The team server's tables as kysely sees them (schema hotline_team). int8
 * columns come back as numbers (connect.ts parses them): epoch ms and change
 * sequences stay far below 2^53.
 */
export interface TeamDatabase {
  'hotline_team.meta': MetaTable;
  'hotline_team.desks': DesksTable;
  'hotline_team.calls': TeamCallsTable;
  'hotline_team.transfers': TeamTransfersTable;
  'hotline_team.steps': TeamStepsTable;
  'hotline_team.miss_reasons': TeamMissReasonsTable;
  'hotline_team.audit': TeamAuditTable;
  'hotline_team.policy_versions': PolicyVersionsTable;
  'hotline_team.profiles': ProfilesTable;
  'hotline_team.signoffs': SignoffsTable;
  'hotline_team.inbox': InboxTable;
}

interface MetaTable {
  id: number;
  schema_version: number;
  min_app_version: string;
  max_app_version: string | null;
}

interface DesksTable {
  desk_code: string;
  role_name: string;
  epoch: Generated<number>;
  incarnation: string | null;
  high_water: Generated<number>;
  lease_instance: string | null;
  lease_until: number | null;
  last_seen_at: number | null;
  desk_clock_offset_ms: number | null;
  app_version: string | null;
  created_at: Generated<number>;
  /** Migration 0003: the desk's records still waiting to be pushed, as it last reported, and when; its zone. */
  waiting: number | null;
  waiting_at: number | null;
  time_zone: string | null;
}

/** The desk's calls columns (less its local id and import batch), and the server's guard columns. */
export interface TeamCallsTable {
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
  response_due_at: number | null;
  resolution_due_at: number | null;
  transfer_due_at: number | null;
  told_due_at: number | null;
  callback_due_at: number | null;
  lead_due_at: number | null;
  ended_breach: number | null;
  next_due_at: number | null;
  local_hour: number | null;
  clock_behind_ms: number | null;
  source_ref: string | null;
  untracked_targets: string | null;
  voided_at: number | null;
  voided_by: string | null;
  void_reason: string | null;
  change_epoch: number;
  change_seq: number;
  received_at: number;
  changed_after_signoff: boolean;
}

interface TeamTransfersTable {
  desk_code: string;
  record_no: string;
  seq: number;
  to_owner: string;
  transferred_at: number;
  answered_at: number | null;
  due_at: number | null;
}

interface TeamStepsTable {
  desk_code: string;
  record_no: string;
  n: number;
  at: number;
  author: string;
  text: string;
}

interface TeamMissReasonsTable {
  desk_code: string;
  record_no: string;
  kind: string;
  idx: number;
  code: string;
  text: string | null;
  author: string;
  at: number;
}

interface TeamAuditTable {
  desk_code: string;
  audit_id: number;
  record_no: string;
  field: string;
  old_value: string | null;
  new_value: string | null;
  actor: string;
  actor_id: number | null;
  at: number;
  reason: string | null;
  change_epoch: number;
  change_seq: number;
  after_signoff: boolean;
  received_at: number;
}

interface PolicyVersionsTable {
  version: Generated<number>;
  effective_from: number;
  created_at: Generated<number>;
  created_by: string;
  json: unknown;
  reason: string | null;
}

/** A team profile: a stable id, a name and a role. PINs never leave the desk. */
interface ProfilesTable {
  team_id: Generated<string>;
  name: string;
  role: 'agent' | 'team_lead' | 'admin';
  active: Generated<boolean>;
  created_at: Generated<number>;
}

interface SignoffsTable {
  desk_code: string;
  local_date: string;
  signed_by: string;
  signed_by_role: Generated<string>;
  signed_at: Generated<number>;
  covered_epoch: number;
  covered_seq: number;
}

interface InboxTable {
  id: Generated<number>;
  desk_code: string;
  record_no: string;
  kind: string;
  payload: unknown;
  created_by: string;
  created_by_role: Generated<string>;
  created_at: Generated<number>;
  applied_at: number | null;
  applied_seq: number | null;
  refusal: string | null;
}
