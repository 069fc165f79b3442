import type { ReviewMissReason, ReviewRow } from '../../shared/api/review';
import type { CallResult, Category, CustomerType, MissReasonCode, RequestType } from '../../shared/domain/fields';
import type { TargetKind } from '../../shared/timing/compliance';
import { minutesBetween } from '../../shared/timing/durations';
import { listMissReasons } from '../store/missReasons';
import { agentsInRange, reviewPage } from '../store/review';
import type { Handler } from './context';
import { refuse } from '../../shared/i18n/refusals';

/**
 * The Review screen: any day or range, filtered, searched and sorted in SQL,
 * one page at a time (the screen's virtualised list asks for the pages it shows).
 */
export const reviewRecords: Handler<'reviewRecords'> = async (req, { db, now }) => {
  if (req.to < req.from) throw refuse('range_reversed', {}, 'to');
  const at = now();
  const { total, rows } = await reviewPage(db, req, { sort: req.sort ?? 'callAt', dir: req.dir ?? 'desc', limit: req.limit ?? 200, offset: req.offset ?? 0 }, at);
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
export const reviewAgents: Handler<'reviewAgents'> = async (req, { db }) => agentsInRange(db, req.from, req.to);
