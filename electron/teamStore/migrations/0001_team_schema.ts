import { sql, type Kysely } from 'kysely';
import { PUSH_STATEMENTS } from './0001/push';
import { FUNCTION_STATEMENTS, POLICY_STATEMENTS, ROLE_STATEMENTS } from './0001/security';
import { TABLE_STATEMENTS } from './0001/tables';

/**
 * The team schema: group roles, schema hotline_team owned by the NOLOGIN
 * role hotline_team_owner, its tables, the desk functions (push_records,
 * begin_incarnation, claim_lease) and row-level security on every table.
 * Frozen: never import app code here; a change is a new migration, and
 * migrations only add (desks of older versions keep running against them).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typed against no particular schema version
export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of ROLE_STATEMENTS) await sql.raw(statement).execute(db);
  // Everything below is created by, and so owned by, the owner role.
  await sql.raw('SET LOCAL ROLE hotline_team_owner').execute(db);
  for (const statement of [...TABLE_STATEMENTS, ...FUNCTION_STATEMENTS, ...PUSH_STATEMENTS, ...POLICY_STATEMENTS]) await sql.raw(statement).execute(db);
  // Functions added later are nobody's to run until a migration grants them.
  await sql.raw('ALTER DEFAULT PRIVILEGES FOR ROLE hotline_team_owner REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC').execute(db);
  // Back to the role that runs init, which owns kysely's migration table.
  await sql.raw('RESET ROLE').execute(db);
}
