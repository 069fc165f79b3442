/**
 * Migration 0002's row-level security, as SQL text. Frozen once released.
 *
 * 0001's policies call is_desk_session() and my_desk() in each row's check.
 * Both are functions PostgreSQL cannot inline (SET search_path, SECURITY
 * DEFINER), so every row read or written paid two catalog lookups: a
 * 1,000,000-row load as the owner took 143 s. The same expressions with each
 * call as a scalar subquery are evaluated once per statement (an InitPlan):
 * the same rows pass, the same rows are refused.
 */
const OWNER_OWN_DESK = 'NOT (SELECT hotline_team.is_desk_session()) OR desk_code = (SELECT hotline_team.my_desk())';
const DESK_OWN = 'desk_code = (SELECT hotline_team.my_desk())';

const both = (table: string, name: string, expression: string) => `ALTER POLICY ${name} ON hotline_team.${table} USING (${expression}) WITH CHECK (${expression})`;
const using = (table: string, name: string, expression: string) => `ALTER POLICY ${name} ON hotline_team.${table} USING (${expression})`;

export const POLICY_STATEMENTS: string[] = [
  both('desks', 'desks_owner', 'role_name = session_user OR NOT (SELECT hotline_team.is_desk_session())'),
  ...['calls', 'transfers', 'steps', 'miss_reasons', 'audit'].flatMap((t) => [using(t, `${t}_desk_read`, DESK_OWN), both(t, `${t}_owner`, OWNER_OWN_DESK)]),
  using('signoffs', 'signoffs_desk_read', DESK_OWN),
  both('signoffs', 'signoffs_owner', OWNER_OWN_DESK),
  using('inbox', 'inbox_desk_read', DESK_OWN),
  both('inbox', 'inbox_desk_mark', DESK_OWN),
  both('inbox', 'inbox_owner', OWNER_OWN_DESK),
];
