import { sql, type Kysely } from 'kysely';

/**
 * A lead's desk pushes its own calls; leave releases the lease; the inbox
 * names its lead from the login (issue 14's loose ends). Frozen once
 * released: never import app code here; a change is a new migration. Only
 * adds: functions re-made with the same signatures, two policies' checks,
 * one nullable column, one function and one trigger.
 *
 * - **The desk a session acts for** (desk_login): session_user, as before; or
 *   the desk's login role the session SET ROLE to, when that role is a desk's
 *   and session_user is a member of it. PostgreSQL lets a session SET ROLE only
 *   to a role its session_user is a member of, and only `hotline team add-lead
 *   NAME --desk CODE` grants a desk's role to a lead's: no setting a client can
 *   change names a desk it was not given. The role is read from the `role`
 *   setting, which SET ROLE sets and a SECURITY DEFINER function does not
 *   change (in one, current_user is the owner), so push_records and the other
 *   desk functions see it too. A lead's desk pushes with SET LOCAL ROLE in each
 *   transaction (PgBouncer's transaction mode keeps no session state); the
 *   lead's own reads, without it, still run as the lead.
 * - is_desk_session and my_desk are re-made on desk_login, and so is the check
 *   of the desks table's desk and owner policies (0001 and 0002 compared
 *   role_name with session_user).
 * - release_lease(instance): `hotline team leave` gives the lease up, so that a
 *   join within its 60 s (this PC again, or another) is not refused.
 * - inbox.created_by is the lead's login name (hotline_lead_<NAME> without
 *   its prefix), set by a trigger from session_user: the name the desk's audit
 *   names cannot be forged. What the lead typed (--by) is kept in typed_by.
 */
const HEADER = 'SET search_path = pg_catalog, hotline_team, pg_temp';
const NOW_MS = '(extract(epoch FROM clock_timestamp()) * 1000)::bigint';

const STATEMENTS: string[] = [
  // Not SECURITY DEFINER: it reads only the role catalogs, which every role may read.
  `CREATE FUNCTION hotline_team.desk_login() RETURNS name LANGUAGE sql STABLE ${HEADER} AS $fn$
    SELECT coalesce(
      (SELECT r.rolname FROM pg_catalog.pg_roles r
         JOIN pg_catalog.pg_auth_members m ON m.member = r.oid
         JOIN pg_catalog.pg_roles g ON g.oid = m.roleid AND g.rolname = 'hotline_desk'
        WHERE r.rolname = current_setting('role') AND pg_catalog.pg_has_role(session_user, r.oid, 'MEMBER')),
      session_user)
  $fn$`,
  `CREATE OR REPLACE FUNCTION hotline_team.is_desk_session() RETURNS boolean LANGUAGE sql STABLE ${HEADER} AS $fn$
    SELECT EXISTS (
      SELECT 1 FROM pg_catalog.pg_auth_members m
      JOIN pg_catalog.pg_roles g ON g.oid = m.roleid
      JOIN pg_catalog.pg_roles u ON u.oid = m.member
      WHERE g.rolname = 'hotline_desk' AND u.rolname = hotline_team.desk_login())
  $fn$`,
  `CREATE OR REPLACE FUNCTION hotline_team.my_desk() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER ${HEADER} AS $fn$
    SELECT desk_code FROM hotline_team.desks WHERE role_name = hotline_team.desk_login() AND hotline_team.is_desk_session()
  $fn$`,
  'REVOKE ALL ON FUNCTION hotline_team.desk_login() FROM PUBLIC',
  'GRANT EXECUTE ON FUNCTION hotline_team.desk_login() TO hotline_desk, hotline_lead',
  "ALTER POLICY desks_desk_read ON hotline_team.desks USING (role_name = (SELECT hotline_team.desk_login()))",
  "ALTER POLICY desks_owner ON hotline_team.desks USING (role_name = (SELECT hotline_team.desk_login()) OR NOT (SELECT hotline_team.is_desk_session())) WITH CHECK (role_name = (SELECT hotline_team.desk_login()) OR NOT (SELECT hotline_team.is_desk_session()))",

  // The lease, given up by the instance that holds it (anyone else's call changes nothing).
  `CREATE FUNCTION hotline_team.release_lease(p_instance uuid) RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER ${HEADER} AS $fn$
  DECLARE d hotline_team.desks := hotline_team.lock_my_desk();
  BEGIN
    UPDATE hotline_team.desks SET lease_instance = NULL, lease_until = NULL, last_seen_at = ${NOW_MS}
     WHERE desk_code = d.desk_code AND lease_instance = p_instance;
    RETURN FOUND;
  END
  $fn$`,
  'REVOKE ALL ON FUNCTION hotline_team.release_lease(uuid) FROM PUBLIC',
  'GRANT EXECUTE ON FUNCTION hotline_team.release_lease(uuid) TO hotline_desk',

  // The inbox's lead, from the login; what was typed beside it.
  'ALTER TABLE hotline_team.inbox ADD COLUMN typed_by text',
  `CREATE FUNCTION hotline_team.inbox_lead_from_login() RETURNS trigger LANGUAGE plpgsql ${HEADER} AS $fn$
  DECLARE v_login text := regexp_replace(session_user, '^hotline_(lead|admin)_', '');
  BEGIN
    -- What was typed, when it says something the login's name does not.
    NEW.typed_by := nullif(nullif(trim(NEW.created_by), ''), v_login);
    NEW.created_by := v_login;
    RETURN NEW;
  END
  $fn$`,
  // created_by_role stays as the row says: the lead's insert policy refuses any but session_user (0001).
  'REVOKE ALL ON FUNCTION hotline_team.inbox_lead_from_login() FROM PUBLIC',
  'CREATE TRIGGER inbox_lead_from_login BEFORE INSERT ON hotline_team.inbox FOR EACH ROW EXECUTE FUNCTION hotline_team.inbox_lead_from_login()',

  'UPDATE hotline_team.meta SET schema_version = greatest(schema_version, 6) WHERE id = 1',
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typed against no particular schema version
export async function up(db: Kysely<any>): Promise<void> {
  // Created by, and so owned by, the owner role, as every earlier object.
  await sql.raw('SET LOCAL ROLE hotline_team_owner').execute(db);
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
  await sql.raw('RESET ROLE').execute(db);
}
