import type { RecordState, ReviewSort } from '../../shared/api/review';
import type { ReviewFilter } from '../store/review';
import type { TeamConnection } from './connect';

type Reader = Pick<TeamConnection, 'query'>;

/** The Review screen's filter: the desk's own (deskCode narrows to one desk). */
export type TeamReviewFilter = ReviewFilter;

/** A row of the team's review list: the columns the desk's list reads, and the state worked out at `now`. */
export interface TeamReviewRow {
  desk_code: string;
  record_no: string;
  local_date: string;
  time_zone: string;
  call_at: number;
  answered_at: number | null;
  agent: string;
  priority: string | null;
  category: string | null;
  request_type: string | null;
  customer_type: string | null;
  salutation: string | null;
  reason: string | null;
  result: string | null;
  closed_at: number | null;
  voided_at: number | null;
  state: RecordState;
  /** The page's miss reasons of this record. */
  reasons: Array<{ kind: string; idx: number; code: string; text: string | null }>;
}

/** The state as store/review.ts's stateExpression words it, with "now" at placeholder `now`. */
const stateAt = (now: string) => `CASE WHEN c.ended_breach = 1 OR (c.next_due_at IS NOT NULL AND c.next_due_at < ${now}::bigint) THEN 'breached'
  WHEN c.next_due_at IS NOT NULL THEN 'open' ELSE 'met' END`;

/** Sortable columns, whitelisted as the desk's: nothing from the request reaches SQL but these. */
const SORTS: Record<ReviewSort, (state: string) => string> = {
  callAt: () => 'c.call_at',
  recordNo: () => 'c.record_no',
  agent: () => 'c.agent',
  priority: () => 'c.priority',
  category: () => 'c.category',
  result: () => 'c.result',
  response: () => '(c.answered_at - c.call_at)',
  state: (state) => `(${state})`,
};

/** A statement's parameters, each placed once as it is first used ($1, $2, …). */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** The filter's conditions, with their parameters in `p`; the state is asked for only when a condition needs it. */
function whereOf(filter: TeamReviewFilter, p: Params, state: () => string): string {
  const where = [`c.local_date BETWEEN ${p.add(filter.from)} AND ${p.add(filter.to)}`];
  const equal: Array<[keyof TeamReviewFilter, string]> = [
    ['deskCode', 'desk_code'],
    ['agent', 'agent'],
    ['priority', 'priority'],
    ['category', 'category'],
    ['requestType', 'request_type'],
    ['customerType', 'customer_type'],
    ['result', 'result'],
  ];
  for (const [key, column] of equal) if (filter[key]) where.push(`c.${column} = ${p.add(filter[key])}`);
  where.push(filter.state === 'voided' ? 'c.voided_at IS NOT NULL' : 'c.voided_at IS NULL');
  if (filter.state === 'clock') where.push('c.clock_behind_ms IS NOT NULL');
  else if (filter.state && filter.state !== 'voided') where.push(`(${state()}) = ${p.add(filter.state)}`);
  if (filter.text && filter.text.trim() !== '') {
    const like = p.add(escapeLike(filter.text.trim()));
    where.push(`(c.reason ILIKE ${like} OR c.remarks ILIKE ${like} OR c.result_note ILIKE ${like} OR c.feedback_reason ILIKE ${like} OR c.source_ref ILIKE ${like}
      OR EXISTS (SELECT 1 FROM hotline_team.steps s WHERE s.desk_code = c.desk_code AND s.record_no = c.record_no AND s.text ILIKE ${like}))`);
  }
  return where.join(' AND ');
}

const escapeLike = (text: string) => `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

/**
 * The Review list over every desk on the team server: the same filters,
 * search, states and sort as the desk's list (store/review.ts), one page at a
 * time with the count of all. SQLite sorts NULLs first going up; so does this.
 * Text search is case-insensitive as SQLite's LIKE is for Latin letters (ILIKE).
 */
export async function teamReviewPage(
  conn: Reader,
  filter: TeamReviewFilter,
  paging: { sort: ReviewSort; dir: 'asc' | 'desc'; limit: number; offset: number },
  now: number,
): Promise<{ total: number; rows: TeamReviewRow[] }> {
  const countParams = new Params();
  let countNow: string | null = null;
  const countClause = whereOf(filter, countParams, () => stateAt((countNow ??= countParams.add(now))));
  const pageParams = new Params();
  const pageNow = pageParams.add(now);
  const state = stateAt(pageNow);
  const pageClause = whereOf(filter, pageParams, () => state);
  const nulls = paging.dir === 'asc' ? 'NULLS FIRST' : 'NULLS LAST';
  const dir = paging.dir === 'asc' ? 'ASC' : 'DESC';
  const [count, page] = await Promise.all([
    conn.query<{ n: number }>(`SELECT count(*) AS n FROM hotline_team.calls c WHERE ${countClause}`, countParams.values),
    conn.query<TeamReviewRow>(
      `SELECT c.desk_code, c.record_no, c.local_date, c.time_zone, c.call_at, c.answered_at, c.agent, c.priority, c.category, c.request_type,
              c.customer_type, c.salutation, c.reason, c.result, c.closed_at, c.voided_at, ${state} AS state,
              coalesce((SELECT json_agg(json_build_object('kind', m.kind, 'idx', m.idx, 'code', m.code, 'text', m.text) ORDER BY m.kind, m.idx)
                        FROM hotline_team.miss_reasons m WHERE m.desk_code = c.desk_code AND m.record_no = c.record_no), '[]'::json) AS reasons
       FROM hotline_team.calls c WHERE ${pageClause}
       ORDER BY ${SORTS[paging.sort](state)} ${dir} ${nulls}, c.call_at ${dir}, c.desk_code ${dir}, c.record_no ${dir}
       LIMIT ${pageParams.add(paging.limit)} OFFSET ${pageParams.add(paging.offset)}`,
      pageParams.values,
    ),
  ]);
  return { total: count.rows[0]?.n ?? 0, rows: page.rows };
}

/** Everyone who logged calls in the range on any desk (or one), for the agent filter. */
export async function teamReviewAgents(conn: Reader, range: { from: string; to: string; deskCode?: string | undefined }): Promise<string[]> {
  const { rows } = await conn.query<{ agent: string }>(
    'SELECT DISTINCT agent FROM hotline_team.calls WHERE local_date BETWEEN $1 AND $2 AND ($3::text IS NULL OR desk_code = $3) ORDER BY agent',
    [range.from, range.to, range.deskCode ?? null],
  );
  return rows.map((r) => r.agent);
}
