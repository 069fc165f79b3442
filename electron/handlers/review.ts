import { sql } from 'kysely';
import type { ReviewMissReason, ReviewRow } from '../../shared/api/review';
import type { CallResult, Category, CustomerType, MissReasonCode, RequestType } from '../../shared/domain/fields';
import type { TargetKind } from '../../shared/timing/compliance';
import { minutesBetween } from '../../shared/timing/durations';
import { listMissReasons } from '../store/missReasons';
import { reviewQuery, sortExpression, stateExpression } from '../store/review';
import type { Handler } from './context';
import { visibleCalls } from '../store/visibility';
import { refuse } from '../../shared/i18n/refusals';

/**
 * The Review screen: any day or range, filtered, searched and sorted in SQL,
 * one page at a time (the screen's virtualised list asks for the pages it shows).
 */
export const reviewRecords: Handler<'reviewRecords'> = async (req, { db, now }) => {
  if (req.to < req.from) throw refuse('range_reversed', {}, 'to');
  const at = now();
  const filtered = reviewQuery(db, req, at);
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
      stateExpression(at).as('state'),
    ])
    .orderBy(sortExpression(req.sort ?? 'callAt', at), req.dir ?? 'desc')
    .orderBy('calls.call_at', req.dir ?? 'desc')
    .orderBy('calls.id', req.dir ?? 'desc')
    .limit(req.limit ?? 200)
    .offset(req.offset ?? 0)
    .execute();
  // One query for the page's reasons (at most `limit` records), not one per row.
  const reasons = new Map<number, ReviewMissReason[]>();
  for (const m of await listMissReasons(db, rows.map((r) => r.id))) {
    const list = reasons.get(m.call_id) ?? [];
    list.push({ kind: m.kind as TargetKind, index: m.idx, code: m.code as MissReasonCode, text: m.text });
    reasons.set(m.call_id, list);
  }
  return {
    total,
    offset: req.offset ?? 0,
    rows: rows.map(
      (r): ReviewRow => ({
        id: r.id,
        deskCode: r.desk_code,
        recordNo: r.record_no,
        localDate: r.local_date,
        timeZone: r.time_zone,
        callAt: r.call_at,
        agent: r.agent,
        priority: r.priority,
        category: r.category as Category | null,
        requestType: r.request_type as RequestType | null,
        customerType: r.customer_type as CustomerType | null,
        salutation: r.salutation,
        reason: r.reason,
        responseMinutes: minutesBetween(r.call_at, r.answered_at),
        result: r.result as CallResult | null,
        closedAt: r.closed_at,
        state: r.state,
        missReasons: reasons.get(r.id) ?? [],
        voided: r.voided_at !== null,
      }),
    ),
  };
};

/** Everyone who logged calls in the range, for the agent filter (imported desks included). */
export const reviewAgents: Handler<'reviewAgents'> = async (req, { db }) => {
  const rows = await db
    .selectFrom('calls')
    .select('agent')
    .distinct()
    .where('local_date', '>=', req.from)
    .where('local_date', '<=', req.to)
    .where(visibleCalls())
    .orderBy('agent')
    .execute();
  return rows.map((r) => r.agent);
};
