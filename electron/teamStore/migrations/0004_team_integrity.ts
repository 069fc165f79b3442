import { sql, type Kysely } from 'kysely';
import { PUSH_STATEMENTS } from './0002/push';

/**
 * Integrity found in review (issue 14). Frozen once released: never import app
 * code here; a change is a new migration.
 *
 * - **An audit row is its id and its content.** 0001 keyed the server's audit
 *   rows on (desk, the desk's own audit id). A desk restored from a backup, or
 *   a second PC of the desk, hands out those ids again, and its new rows were
 *   dropped as "already stored". The key is now the id with the row's content
 *   (record, field, moment, old and new value): a re-sent row is still stored
 *   once, a new row with a reused id is kept, and two rows alike but for their
 *   id (a clock found behind twice at the same moment) stay two.
 *   push_records (0002) is re-made with that conflict target.
 * - **A sign-off covers the desk's real mark.** A lead's role may insert a
 *   sign-off (0001's grant, used by sign_off_day's callers and raw SQL alike);
 *   a trigger now sets its covered mark to the desk's current one, holding the
 *   desk's row as a push does, so no sign-off can claim a mark that would hide
 *   later changes from "changed after sign-off".
 * - **A policy version is never rewritten.** Desks pull only versions newer
 *   than theirs, so an edited old version would silently differ from every
 *   desk's copy: admins lose UPDATE on policy_versions; a correction is a new
 *   version.
 */
// text || text and md5 are immutable, as an index expression must be (concat_ws is only stable).
const AUDIT_IDENTITY = "(desk_code, audit_id, record_no, field, at, (md5(coalesce(old_value, E'\\x02') || E'\\x1f' || coalesce(new_value, E'\\x02'))))";

const STATEMENTS: string[] = [
  'ALTER TABLE hotline_team.audit DROP CONSTRAINT audit_pkey',
  `CREATE UNIQUE INDEX audit_identity ON hotline_team.audit ${AUDIT_IDENTITY}`,
  `CREATE FUNCTION hotline_team.cover_desk_mark() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, hotline_team, pg_temp AS $fn$
  DECLARE d hotline_team.desks;
  BEGIN
    SELECT * INTO d FROM hotline_team.desks WHERE desk_code = NEW.desk_code FOR UPDATE;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'the team server has no desk %', NEW.desk_code USING ERRCODE = 'HT010';
    END IF;
    NEW.covered_epoch := d.epoch;
    NEW.covered_seq := d.high_water;
    RETURN NEW;
  END
  $fn$`,
  'REVOKE ALL ON FUNCTION hotline_team.cover_desk_mark() FROM PUBLIC',
  'CREATE TRIGGER signoffs_cover_desk_mark BEFORE INSERT ON hotline_team.signoffs FOR EACH ROW EXECUTE FUNCTION hotline_team.cover_desk_mark()',
  'REVOKE UPDATE ON hotline_team.policy_versions FROM hotline_admin',
  'UPDATE hotline_team.meta SET schema_version = greatest(schema_version, 4) WHERE id = 1',
];

/** 0002's push, with the audit rows' new conflict target. */
const PUSH = PUSH_STATEMENTS.map((s) => s.replace('ON CONFLICT (desk_code, audit_id) DO NOTHING', `ON CONFLICT ${AUDIT_IDENTITY} DO NOTHING`));

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typed against no particular schema version
export async function up(db: Kysely<any>): Promise<void> {
  if (PUSH.join('\n') === PUSH_STATEMENTS.join('\n')) throw new Error('0004: the push to re-make has no audit conflict target to replace');
  await sql.raw('SET LOCAL ROLE hotline_team_owner').execute(db);
  for (const statement of [...STATEMENTS, ...PUSH]) await sql.raw(statement).execute(db);
  await sql.raw('RESET ROLE').execute(db);
}
