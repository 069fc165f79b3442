import type { ReviewMissReason, ReviewPage, ReviewRow } from '../../shared/api/review';
import type { CallResult, Category, CustomerType, MissReasonCode, RequestType } from '../../shared/domain/fields';
import type { TargetKind } from '../../shared/timing/compliance';
import { minutesBetween } from '../../shared/timing/durations';
import { listMissReasons } from '../store/missReasons';
import { agentsInRange, reviewPage } from '../store/review';
import { onTeamServer, requireTeamScope, type Handler, type HandlerContext } from './context';
import type { RequestOf } from '../../shared/api/contract';
import type { TeamReviewRow } from '../teamStore/teamReviewSql';
import { refuse } from '../../shared/i18n/refusals';

/**
 * The Review screen: any day or range, filtered, searched and sorted in SQL,
 * one page at a time (the screen's virtualised list asks for the pages it shows).
 */
export const reviewRecords: Handler<'reviewRecords'> = async (req, ctx) => {
  const { db, now } = ctx;
  if (req.to < req.from) throw refuse('range_reversed', {}, 'to');
  const at = now();
  if (req.scope === 'team') return teamReviewRecords(req, ctx, at);
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
    rows: rows.map((r) => toReviewRow(r, r.id, reasons.get(r.id) ?? [])),
  };
};

/** Everyone who logged calls in the range, for the agent filter (imported desks included). */
export const reviewAgents: Handler<'reviewAgents'> = async (req, ctx) => {
  if (req.scope !== 'team') return agentsInRange(ctx.db, req.from, req.to);
  const { team } = await requireTeamScope(ctx, 'scope');
  return team.reviewAgents({ from: req.from, to: req.to, deskCode: req.deskCode });
};

/**
 * The Review list over every desk on the team server, read-only: the same
 * filters, search, states and sort as this desk's list. A row's id is 0 (the
 * record is another desk's: it opens there, not here).
 */
async function teamReviewRecords(req: RequestOf<'reviewRecords'>, ctx: HandlerContext, at: number): Promise<ReviewPage> {
  const { team } = await requireTeamScope(ctx, 'scope');
  const paging = { sort: req.sort ?? 'callAt', dir: req.dir ?? 'desc', limit: req.limit ?? 200, offset: req.offset ?? 0 } as const;
  const page = await onTeamServer(() => team.review(req, paging, at), 'scope');
  return {
    total: page.total,
    offset: paging.offset,
    rows: page.rows.map((r) =>
      toReviewRow(r, 0, r.reasons.map((m) => ({ kind: m.kind as TargetKind, index: m.idx, code: m.code as MissReasonCode, text: m.text }))),
    ),
  };
}

/** The columns a review row is made of, from this desk's store or the team server's. */
type ListedRecord = Pick<
  TeamReviewRow,
  'desk_code' | 'record_no' | 'local_date' | 'time_zone' | 'call_at' | 'answered_at' | 'agent' | 'priority' | 'category' | 'request_type' | 'customer_type' | 'salutation' | 'reason' | 'result' | 'closed_at' | 'voided_at' | 'state'
>;

/** One row of the Review list as the screen reads it, whichever store it came from. */
function toReviewRow(r: ListedRecord, id: number, missReasons: ReviewMissReason[]): ReviewRow {
  return {
    id,
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
    missReasons,
    voided: r.voided_at !== null,
  };
}
