/**
 * Migration 0001's tables, as SQL text. Frozen: never import app code here;
 * a later change is a new migration. Times are epoch-ms bigint, as on the desk.
 */

/** Columns of a pushed call, beside its key (desk_code, record_no): the desk's columns less its local id and import batch. */
export const CALL_COLUMNS: ReadonlyArray<readonly [string, string]> = [
  ['local_date', 'text NOT NULL'],
  ['time_zone', 'text NOT NULL'],
  ['agent', 'text NOT NULL'],
  ['call_at', 'bigint NOT NULL'],
  ['answered_at', 'bigint'],
  ['salutation', 'text'],
  // Privacy (SPEC): the server refuses anything but four digits, as the desk does.
  ['phone_last4', "text CHECK (phone_last4 ~ '^[0-9]{4}$')"],
  ['customer_type', 'text'],
  ['request_type', 'text'],
  ['category', 'text'],
  ['priority', 'text'],
  ['reason', 'text'],
  ['handler', 'text'],
  ['result', 'text'],
  ['follow_up_due_at', 'bigint'],
  ['follow_up_owner', 'text'],
  ['result_note', 'text'],
  ['feedback', 'text'],
  ['feedback_reason', 'text'],
  ['score_speed', 'integer CHECK (score_speed BETWEEN 1 AND 5)'],
  ['score_professionalism', 'integer CHECK (score_professionalism BETWEEN 1 AND 5)'],
  ['score_resolution', 'integer CHECK (score_resolution BETWEEN 1 AND 5)'],
  ['remarks', 'text'],
  ['closed_at', 'bigint'],
  ['created_at', 'bigint NOT NULL'],
  ['updated_at', 'bigint NOT NULL'],
  // The desk's local policy and profile ids: mapped to the team's versions and profiles by the readers.
  ['policy_id', 'bigint'],
  ['resolved_at', 'bigint'],
  ['result_told_at', 'bigint'],
  ['callback_done_at', 'bigint'],
  ['callback_by', 'text'],
  ['callback_outcome', 'text'],
  ['lead_follow_up_done_at', 'bigint'],
  ['lead_follow_up_by', 'text'],
  ['lead_follow_up_outcome', 'text'],
  ['agent_id', 'bigint'],
  ['response_due_at', 'bigint'],
  ['resolution_due_at', 'bigint'],
  ['transfer_due_at', 'bigint'],
  ['told_due_at', 'bigint'],
  ['callback_due_at', 'bigint'],
  ['lead_due_at', 'bigint'],
  ['ended_breach', 'integer'],
  ['next_due_at', 'bigint'],
  ['local_hour', 'integer'],
  ['clock_behind_ms', 'bigint'],
  ['source_ref', 'text'],
  ['untracked_targets', 'text'],
  ['voided_at', 'bigint'],
  ['voided_by', 'text'],
  ['void_reason', 'text'],
];

/** Every table of the schema, for the grants and row-level security that follow. */
export const TABLES = ['meta', 'desks', 'calls', 'transfers', 'steps', 'miss_reasons', 'audit', 'policy_versions', 'profiles', 'signoffs', 'inbox'] as const;

const NOW_MS = '(extract(epoch FROM clock_timestamp()) * 1000)::bigint';

export const TABLE_STATEMENTS: string[] = [
  `CREATE TABLE hotline_team.meta (
    id integer PRIMARY KEY CHECK (id = 1),
    schema_version integer NOT NULL,
    -- Desks older than this stop pushing and say "update the app"; null upper end: any newer.
    min_app_version text NOT NULL,
    max_app_version text
  )`,
  `INSERT INTO hotline_team.meta (id, schema_version, min_app_version, max_app_version) VALUES (1, 1, '0.1.0', NULL)`,

  `CREATE TABLE hotline_team.desks (
    desk_code text PRIMARY KEY,
    -- The LOGIN role the desk connects as: my_desk() maps session_user through it.
    role_name name UNIQUE NOT NULL,
    epoch integer NOT NULL DEFAULT 0,
    incarnation uuid,
    -- The change sequence the desk has pushed up to, within epoch.
    high_water bigint NOT NULL DEFAULT 0,
    lease_instance uuid,
    lease_until bigint,
    last_seen_at bigint,
    desk_clock_offset_ms bigint,
    app_version text,
    created_at bigint NOT NULL DEFAULT ${NOW_MS}
  )`,

  `CREATE TABLE hotline_team.calls (
    desk_code text NOT NULL REFERENCES hotline_team.desks (desk_code),
    record_no text NOT NULL,
    ${CALL_COLUMNS.map(([name, type]) => `${name} ${type}`).join(',\n    ')},
    -- The (epoch, seq) of the snapshot stored: an older or equal one changes nothing.
    change_epoch integer NOT NULL,
    change_seq bigint NOT NULL,
    received_at bigint NOT NULL,
    -- Decided by the server from the sign-off's covered mark, never from timestamps.
    changed_after_signoff boolean NOT NULL DEFAULT false,
    PRIMARY KEY (desk_code, record_no)
  )`,
  `CREATE INDEX calls_by_day ON hotline_team.calls (local_date, desk_code, call_at)`,
  `CREATE INDEX calls_open ON hotline_team.calls (next_due_at) WHERE next_due_at IS NOT NULL`,

  `CREATE TABLE hotline_team.transfers (
    desk_code text NOT NULL,
    record_no text NOT NULL,
    seq integer NOT NULL,
    to_owner text NOT NULL,
    transferred_at bigint NOT NULL,
    answered_at bigint,
    due_at bigint,
    PRIMARY KEY (desk_code, record_no, seq),
    FOREIGN KEY (desk_code, record_no) REFERENCES hotline_team.calls (desk_code, record_no)
  )`,
  `CREATE TABLE hotline_team.steps (
    desk_code text NOT NULL,
    record_no text NOT NULL,
    n integer NOT NULL,
    at bigint NOT NULL,
    author text NOT NULL,
    text text NOT NULL,
    PRIMARY KEY (desk_code, record_no, n),
    FOREIGN KEY (desk_code, record_no) REFERENCES hotline_team.calls (desk_code, record_no)
  )`,
  `CREATE TABLE hotline_team.miss_reasons (
    desk_code text NOT NULL,
    record_no text NOT NULL,
    kind text NOT NULL,
    idx integer NOT NULL DEFAULT 0,
    code text NOT NULL,
    text text,
    author text NOT NULL,
    at bigint NOT NULL,
    PRIMARY KEY (desk_code, record_no, kind, idx),
    FOREIGN KEY (desk_code, record_no) REFERENCES hotline_team.calls (desk_code, record_no)
  )`,
  `CREATE TABLE hotline_team.audit (
    desk_code text NOT NULL,
    -- The desk's own audit_log id: a re-sent row is the same row.
    audit_id bigint NOT NULL,
    record_no text NOT NULL,
    field text NOT NULL,
    old_value text,
    new_value text,
    actor text NOT NULL,
    actor_id bigint,
    at bigint NOT NULL,
    reason text,
    change_epoch integer NOT NULL,
    change_seq bigint NOT NULL,
    after_signoff boolean NOT NULL,
    received_at bigint NOT NULL,
    PRIMARY KEY (desk_code, audit_id),
    FOREIGN KEY (desk_code, record_no) REFERENCES hotline_team.calls (desk_code, record_no)
  )`,
  `CREATE INDEX audit_by_record ON hotline_team.audit (desk_code, record_no, audit_id)`,

  `CREATE TABLE hotline_team.policy_versions (
    version integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    effective_from bigint NOT NULL,
    created_at bigint NOT NULL DEFAULT ${NOW_MS},
    created_by text NOT NULL,
    json jsonb NOT NULL,
    reason text
  )`,
  // No PIN column, ever: PINs stay on each desk.
  `CREATE TABLE hotline_team.profiles (
    team_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text UNIQUE NOT NULL,
    role text NOT NULL CHECK (role IN ('agent', 'team_lead', 'admin')),
    active boolean NOT NULL DEFAULT true,
    created_at bigint NOT NULL DEFAULT ${NOW_MS}
  )`,
  `CREATE TABLE hotline_team.signoffs (
    desk_code text NOT NULL REFERENCES hotline_team.desks (desk_code),
    local_date text NOT NULL,
    signed_by text NOT NULL,
    signed_by_role name NOT NULL DEFAULT session_user,
    signed_at bigint NOT NULL DEFAULT ${NOW_MS},
    -- The desk's high-water mark the sign-off covered: a change above it is "changed after sign-off".
    covered_epoch integer NOT NULL,
    covered_seq bigint NOT NULL,
    PRIMARY KEY (desk_code, local_date)
  )`,
  `CREATE TABLE hotline_team.inbox (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    desk_code text NOT NULL REFERENCES hotline_team.desks (desk_code),
    record_no text NOT NULL,
    kind text NOT NULL,
    payload jsonb NOT NULL,
    created_by text NOT NULL,
    created_by_role name NOT NULL DEFAULT session_user,
    created_at bigint NOT NULL DEFAULT ${NOW_MS},
    applied_at bigint,
    applied_seq bigint,
    refusal text
  )`,
  `CREATE INDEX inbox_pending ON hotline_team.inbox (desk_code, id) WHERE applied_at IS NULL AND refusal IS NULL`,
];
