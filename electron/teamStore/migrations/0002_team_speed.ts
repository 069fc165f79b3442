import { sql, type Kysely } from 'kysely';
import { POLICY_STATEMENTS } from './0002/policies';
import { PUSH_STATEMENTS } from './0002/push';

/**
 * Issue 14's performance: the indexes team statistics and the board need,
 * row-level security that looks the desk up once per statement instead of
 * once per row (0002/policies.ts: the same rows pass), and push_records
 * storing a batch set-based instead of record by record (0002/push.ts: the
 * same signature, refusals and guarantees). Frozen once released: never
 * import app code here; a change is a new migration. Adds indexes and
 * replaces a function and policy expressions by equivalent ones, so desks of
 * older versions run on.
 */
const STATEMENTS: string[] = [
  // Statistics' running part: the period's records with a target still running, a small share of the calls.
  'CREATE INDEX calls_running_by_day ON hotline_team.calls (local_date) WHERE next_due_at IS NOT NULL',
  // The board: calls with a running target, earliest due first, and each desk's count of them (an index-only scan).
  'CREATE INDEX calls_board ON hotline_team.calls (next_due_at, desk_code) WHERE next_due_at IS NOT NULL AND voided_at IS NULL',
  'UPDATE hotline_team.meta SET schema_version = 2 WHERE id = 1',
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typed against no particular schema version
export async function up(db: Kysely<any>): Promise<void> {
  // Created by, and so owned by, the owner role (forced row-level security lets its policy through on meta).
  await sql.raw('SET LOCAL ROLE hotline_team_owner').execute(db);
  for (const statement of [...STATEMENTS, ...POLICY_STATEMENTS, ...PUSH_STATEMENTS]) await sql.raw(statement).execute(db);
  await sql.raw('RESET ROLE').execute(db);
}
