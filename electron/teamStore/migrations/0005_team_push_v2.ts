import { sql, type Kysely } from 'kysely';
import { PUSH_TYPE_STATEMENTS } from './0005/pushTypes';
import { PUSH_V2_STATEMENTS } from './0005/pushV2';

/**
 * A leaner push for catch-up (issue 14's ≥ 0.5× the COPY floor): row types of
 * a push (0005/pushTypes.ts) and push_records_v2 taking one array of them per
 * table (0005/pushV2.ts), with every guarantee of push_records, which stays
 * as it was for desks of older versions. Frozen once released: never import
 * app code here; a change is a new migration. Only adds.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typed against no particular schema version
export async function up(db: Kysely<any>): Promise<void> {
  // Created by, and so owned by, the owner role (forced row-level security holds it to its policies).
  await sql.raw('SET LOCAL ROLE hotline_team_owner').execute(db);
  for (const statement of [...PUSH_TYPE_STATEMENTS, ...PUSH_V2_STATEMENTS]) await sql.raw(statement).execute(db);
  await sql.raw('UPDATE hotline_team.meta SET schema_version = greatest(schema_version, 5) WHERE id = 1').execute(db);
  await sql.raw('RESET ROLE').execute(db);
}
