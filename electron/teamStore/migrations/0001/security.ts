import { TABLES } from './tables';

/**
 * Migration 0001's roles, row-level security and grants, as SQL text. Frozen.
 *
 * The desk is always derived from session_user (the role that logged in),
 * which no client can change: not a setting, not SET ROLE. Row-level security
 * is enabled and forced on every table, so the owner's own SECURITY DEFINER
 * functions are held by policies too: in them, current_user is the owner and
 * session_user still the desk, and the owner's policies keep a desk session to
 * its own desk's rows.
 */

/** Group roles, created once per cluster (roles are cluster-wide, so one team per cluster). */
export const ROLE_STATEMENTS: string[] = [
  `DO $do$
  DECLARE r text;
  BEGIN
    FOREACH r IN ARRAY ARRAY['hotline_team_owner', 'hotline_desk', 'hotline_lead', 'hotline_admin'] LOOP
      IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = r) THEN
        EXECUTE format('CREATE ROLE %I NOLOGIN', r);
      END IF;
    END LOOP;
  END
  $do$`,
  // Admins have every right of a lead.
  'GRANT hotline_lead TO hotline_admin',
  // Whoever runs init may act as the owner (to create the schema in its name, and for add-desk later).
  'GRANT hotline_team_owner TO current_user',
  'CREATE SCHEMA hotline_team AUTHORIZATION hotline_team_owner',
];

const SEARCH_PATH = 'SET search_path = pg_catalog, hotline_team, pg_temp';

/** Run as hotline_team_owner, after the tables. */
export const FUNCTION_STATEMENTS: string[] = [
  // A direct member of hotline_desk (not pg_has_role, which counts a superuser as a member of every role).
  `CREATE FUNCTION hotline_team.is_desk_session() RETURNS boolean LANGUAGE sql STABLE ${SEARCH_PATH} AS $fn$
    SELECT EXISTS (
      SELECT 1 FROM pg_catalog.pg_auth_members m
      JOIN pg_catalog.pg_roles g ON g.oid = m.roleid
      JOIN pg_catalog.pg_roles u ON u.oid = m.member
      WHERE g.rolname = 'hotline_desk' AND u.rolname = session_user)
  $fn$`,
  `CREATE FUNCTION hotline_team.my_desk() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER ${SEARCH_PATH} AS $fn$
    SELECT desk_code FROM hotline_team.desks WHERE role_name = session_user AND hotline_team.is_desk_session()
  $fn$`,
];

/** The owner's policy: everything, except that a desk's session (in a definer function) stays on its own desk. */
const OWNER_OWN_DESK = 'NOT hotline_team.is_desk_session() OR desk_code = hotline_team.my_desk()';
const DESK_OWN = 'desk_code = hotline_team.my_desk()';

const policy = (table: string, name: string, command: string, role: string, using: string | null, check: string | null) =>
  `CREATE POLICY ${name} ON hotline_team.${table} FOR ${command} TO ${role}` + (using ? ` USING (${using})` : '') + (check ? ` WITH CHECK (${check})` : '');

const DESK_RECORD_TABLES = ['calls', 'transfers', 'steps', 'miss_reasons', 'audit'];
const TEAM_AUTHORED = ['policy_versions', 'profiles'];

export const POLICY_STATEMENTS: string[] = [
  ...TABLES.flatMap((t) => [`ALTER TABLE hotline_team.${t} ENABLE ROW LEVEL SECURITY`, `ALTER TABLE hotline_team.${t} FORCE ROW LEVEL SECURITY`]),
  'REVOKE ALL ON SCHEMA hotline_team FROM PUBLIC',
  'GRANT USAGE ON SCHEMA hotline_team TO hotline_desk, hotline_lead',

  // meta: everyone reads the schema version and the supported app versions.
  policy('meta', 'meta_read', 'SELECT', 'hotline_desk, hotline_lead', 'true', null),
  policy('meta', 'meta_owner', 'ALL', 'hotline_team_owner', 'true', 'true'),
  'GRANT SELECT ON hotline_team.meta TO hotline_desk, hotline_lead',

  // desks: a desk reads its own row; its guards (epoch, incarnation, high water, lease) move only through the functions.
  policy('desks', 'desks_desk_read', 'SELECT', 'hotline_desk', 'role_name = session_user', null),
  policy('desks', 'desks_lead_read', 'SELECT', 'hotline_lead', 'true', null),
  policy('desks', 'desks_owner', 'ALL', 'hotline_team_owner', 'role_name = session_user OR NOT hotline_team.is_desk_session()', 'role_name = session_user OR NOT hotline_team.is_desk_session()'),
  'GRANT SELECT ON hotline_team.desks TO hotline_desk, hotline_lead',

  // Records: a desk reads its own and writes them only through push_records; leads read all.
  ...DESK_RECORD_TABLES.flatMap((t) => [
    policy(t, `${t}_desk_read`, 'SELECT', 'hotline_desk', DESK_OWN, null),
    policy(t, `${t}_lead_read`, 'SELECT', 'hotline_lead', 'true', null),
    policy(t, `${t}_owner`, 'ALL', 'hotline_team_owner', OWNER_OWN_DESK, OWNER_OWN_DESK),
    `GRANT SELECT ON hotline_team.${t} TO hotline_desk, hotline_lead`,
  ]),

  // The team's policy and profiles: everyone reads, admins write.
  ...TEAM_AUTHORED.flatMap((t) => [
    policy(t, `${t}_read`, 'SELECT', 'hotline_desk, hotline_lead', 'true', null),
    policy(t, `${t}_admin_insert`, 'INSERT', 'hotline_admin', null, 'true'),
    policy(t, `${t}_admin_update`, 'UPDATE', 'hotline_admin', 'true', 'true'),
    policy(t, `${t}_owner`, 'ALL', 'hotline_team_owner', 'true', 'true'),
    `GRANT SELECT ON hotline_team.${t} TO hotline_desk, hotline_lead`,
    `GRANT INSERT, UPDATE ON hotline_team.${t} TO hotline_admin`,
  ]),

  // Sign-offs: a desk reads its own; a lead signs in their own role's name.
  policy('signoffs', 'signoffs_desk_read', 'SELECT', 'hotline_desk', DESK_OWN, null),
  policy('signoffs', 'signoffs_lead_read', 'SELECT', 'hotline_lead', 'true', null),
  policy('signoffs', 'signoffs_lead_insert', 'INSERT', 'hotline_lead', null, 'signed_by_role = session_user'),
  policy('signoffs', 'signoffs_owner', 'ALL', 'hotline_team_owner', OWNER_OWN_DESK, OWNER_OWN_DESK),
  'GRANT SELECT ON hotline_team.signoffs TO hotline_desk, hotline_lead',
  'GRANT INSERT (desk_code, local_date, signed_by, signed_by_role, covered_epoch, covered_seq) ON hotline_team.signoffs TO hotline_lead',

  // Inbox: leads insert changes for a desk; the desk reads its own and marks them applied or refused.
  policy('inbox', 'inbox_desk_read', 'SELECT', 'hotline_desk', DESK_OWN, null),
  policy('inbox', 'inbox_desk_mark', 'UPDATE', 'hotline_desk', DESK_OWN, DESK_OWN),
  policy('inbox', 'inbox_lead_read', 'SELECT', 'hotline_lead', 'true', null),
  policy('inbox', 'inbox_lead_insert', 'INSERT', 'hotline_lead', null, 'created_by_role = session_user'),
  policy('inbox', 'inbox_owner', 'ALL', 'hotline_team_owner', OWNER_OWN_DESK, OWNER_OWN_DESK),
  'GRANT SELECT ON hotline_team.inbox TO hotline_desk, hotline_lead',
  'GRANT UPDATE (applied_at, applied_seq, refusal) ON hotline_team.inbox TO hotline_desk',
  'GRANT INSERT (desk_code, record_no, kind, payload, created_by, created_by_role) ON hotline_team.inbox TO hotline_lead',

  // Functions: nobody but the roles named runs them.
  'REVOKE ALL ON ALL FUNCTIONS IN SCHEMA hotline_team FROM PUBLIC',
  'GRANT EXECUTE ON FUNCTION hotline_team.is_desk_session(), hotline_team.my_desk() TO hotline_desk, hotline_lead',
  'GRANT EXECUTE ON FUNCTION hotline_team.push_records(integer, uuid, uuid, text, bigint, jsonb), hotline_team.begin_incarnation(uuid), hotline_team.claim_lease(uuid, integer) TO hotline_desk',
  'GRANT EXECUTE ON FUNCTION hotline_team.version_parts(text) TO hotline_desk, hotline_lead',
];
