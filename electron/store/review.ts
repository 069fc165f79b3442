import { sql, type Expression, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { RecordState, ReviewSort, ReviewState } from '../../shared/api/review';
import { visibleCalls } from './visibility';
import type { Database } from './schema';

export interface ReviewFilter {
  from: string;
  to: string;
  deskCode?: string | undefined;
  agent?: string | undefined;
  priority?: string | undefined;
  category?: string | undefined;
  requestType?: string | undefined;
  customerType?: string | undefined;
  result?: string | undefined;
  state?: ReviewState | undefined;
  text?: string | undefined;
}

/**
 * A record's state from its stored due times (kept by the timing core on every
 * change): breached when an ended target was missed or a running one is past
 * due at `now`; open while targets still run; met otherwise.
 */
export function stateExpression(now: number): RawBuilder<RecordState> {
  return sql<RecordState>`CASE
    WHEN calls.ended_breach = 1 OR (calls.next_due_at IS NOT NULL AND calls.next_due_at < ${now}) THEN 'breached'
    WHEN calls.next_due_at IS NOT NULL THEN 'open'
    ELSE 'met' END`;
}

const escapeLike = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The filtered records of a date range, across every desk merged into this database. */
export function reviewQuery(db: Kysely<Database>, filter: ReviewFilter, now: number) {
  let query = db.selectFrom('calls').where('calls.local_date', '>=', filter.from).where('calls.local_date', '<=', filter.to).where(visibleCalls());
  if (filter.deskCode) query = query.where('calls.desk_code', '=', filter.deskCode);
  if (filter.agent) query = query.where('calls.agent', '=', filter.agent);
  if (filter.priority) query = query.where('calls.priority', '=', filter.priority);
  if (filter.category) query = query.where('calls.category', '=', filter.category);
  if (filter.requestType) query = query.where('calls.request_type', '=', filter.requestType);
  if (filter.customerType) query = query.where('calls.customer_type', '=', filter.customerType);
  if (filter.result) query = query.where('calls.result', '=', filter.result);
  // "clock": the system clock was found behind a moment of the record (changeRecord flags it).
  // Voided records (logged by mistake) are listed under their own filter only: every other list, and its export, leaves them out.
  query = query.where('calls.voided_at', filter.state === 'voided' ? 'is not' : 'is', null);
  if (filter.state === 'clock') query = query.where('calls.clock_behind_ms', 'is not', null);
  else if (filter.state && filter.state !== 'voided') query = query.where(sql<SqlBool>`${stateExpression(now)} = ${filter.state}`);
  if (filter.text && filter.text.trim() !== '') {
    const like = escapeLike(filter.text.trim());
    query = query.where(
      sql<SqlBool>`(calls.reason LIKE ${like} ESCAPE '\\' OR calls.remarks LIKE ${like} ESCAPE '\\'
        OR calls.result_note LIKE ${like} ESCAPE '\\' OR calls.feedback_reason LIKE ${like} ESCAPE '\\'
        OR calls.source_ref LIKE ${like} ESCAPE '\\'
        OR EXISTS (SELECT 1 FROM steps WHERE steps.call_id = calls.id AND steps.text LIKE ${like} ESCAPE '\\'))`,
    );
  }
  return query;
}

/** Sortable columns, whitelisted: nothing from the request reaches SQL but these. */
export function sortExpression(sort: ReviewSort, now: number): Expression<unknown> {
  switch (sort) {
    case 'callAt':
      return sql`calls.call_at`;
    case 'recordNo':
      return sql`calls.record_no`;
    case 'agent':
      return sql`calls.agent`;
    case 'priority':
      return sql`calls.priority`;
    case 'category':
      return sql`calls.category`;
    case 'result':
      return sql`calls.result`;
    case 'response':
      return sql`(calls.answered_at - calls.call_at)`;
    case 'state':
      return stateExpression(now);
  }
}

/** How a page of the review list is cut: the sort (whitelisted), its direction, and the window. */
export interface ReviewPaging {
  sort: ReviewSort;
  dir: 'asc' | 'desc';
  limit: number;
  offset: number;
}

/**
 * One page of the filtered records with the count of all of them, the state
 * worked out in SQL at `now`: the list is virtualised, so only the rows shown
 * are read, and ties go by call time and id so that pages never overlap.
 */
export async function reviewPage(db: Kysely<Database>, filter: ReviewFilter, paging: ReviewPaging, now: number) {
  const filtered = reviewQuery(db, filter, now);
  const [{ total }] = (await filtered.select(sql<number>`count(*)`.as('total')).execute()) as [{ total: number }];
  const rows = await filtered
    .select([
      'calls.id',
      'calls.desk_code',
      'calls.record_no',
      'calls.local_date',
      'calls.time_zone',
      'calls.call_at',
      'calls.answered_at',
      'calls.agent',
      'calls.priority',
      'calls.category',
      'calls.request_type',
      'calls.customer_type',
      'calls.salutation',
      'calls.reason',
      'calls.result',
      'calls.closed_at',
      'calls.voided_at',
      stateExpression(now).as('state'),
    ])
    .orderBy(sortExpression(paging.sort, now), paging.dir)
    .orderBy('calls.call_at', paging.dir)
    .orderBy('calls.id', paging.dir)
    .limit(paging.limit)
    .offset(paging.offset)
    .execute();
  return { total, rows };
}

/** Everyone who logged calls in the range, for the agent filter (imported desks included). */
export async function agentsInRange(db: Kysely<Database>, from: string, to: string): Promise<string[]> {
  const rows = await db.selectFrom('calls').select('agent').distinct().where('local_date', '>=', from).where('local_date', '<=', to).where(visibleCalls()).orderBy('agent').execute();
  return rows.map((r) => r.agent);
}
