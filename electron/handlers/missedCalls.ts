import type { CallerHistory, MissedCallView } from '../../shared/api/telephony';
import { markMissedCallsCalledBack as markCalledBack } from '../records/missedCalls';
import { policyOf } from '../records/policies';
import { findCall } from '../store/calls';
import { callerHistory as historyOf, listMissedCalls as missedOfPeriod, listOpenMissedCalls } from '../store/phoneCalls';
import type { Kysely } from 'kysely';
import type { Database, MissedCallRow } from '../store/schema';
import { requireUser, type Handler } from './context';
import { HotlineError } from '../../shared/api/result';

/**
 * Missed calls (issue 15) as the desk's screens show them: the open ones on
 * the Desk and in Follow-ups, a period's in Review, "Mark missed calls as
 * handled" one or many at once; and the repeat-caller pop-up, matched on the
 * last four digits only (so a likely match, never a certain one).
 */

/** How many earlier records and missed calls the pop-up shows. */
const HISTORY_LIMIT = 10;

export const callerHistory: Handler<'callerHistory'> = async (req, ctx) => {
  await requireUser(ctx.db, ctx.session);
  if ('last4' in req) return toHistory(req.last4, await historyOf(ctx.db, req.last4, ctx.now(), HISTORY_LIMIT));
  const record = await findCall(ctx.db, req.recordId);
  if (!record) throw new HotlineError('not_found', `There is no record with id ${req.recordId}.`);
  if (record.phone_last4 === null) return null;
  return toHistory(record.phone_last4, await historyOf(ctx.db, record.phone_last4, record.call_at, HISTORY_LIMIT));
};

export const listMissedCalls: Handler<'listMissedCalls'> = async (req, ctx) => {
  await requireUser(ctx.db, ctx.session);
  if ('open' in req) return toViews(ctx.db, await listOpenMissedCalls(ctx.db));
  const rows = await missedOfPeriod(ctx.db, req, req.state === 'open');
  return toViews(ctx.db, req.state === 'calledBack' ? rows.filter((r) => r.called_back_at !== null) : rows);
};

export const markMissedCallsCalledBack: Handler<'markMissedCallsCalledBack'> = async (req, ctx) => ({ changed: await markCalledBack(ctx, req.ids) });

function toHistory(last4: string, found: Awaited<ReturnType<typeof historyOf>>): CallerHistory {
  return {
    numberLast4: last4,
    records: found.records.map((r) => ({ id: r.id, recordNo: r.record_no, callAt: r.call_at, agent: r.agent, category: r.category, reason: r.reason, result: r.result, closedAt: r.closed_at })),
    missed: found.missed.map((m) => ({ id: m.id, missedNo: m.missed_no, callAt: m.call_at, calledBackAt: m.called_back_at })),
  };
}

/** Each with the warning point of the policy its callback target came from. */
async function toViews(db: Kysely<Database>, rows: MissedCallRow[]): Promise<MissedCallView[]> {
  const warningAt = new Map<number | null, number>();
  for (const id of new Set(rows.map((r) => r.policy_id))) warningAt.set(id, (await policyOf(db, id)).policy.warningAt);
  return rows.map((r) => ({
    id: r.id,
    missedNo: r.missed_no,
    localDate: r.local_date,
    timeZone: r.time_zone,
    callAt: r.call_at,
    endedAt: r.ended_at,
    waitSec: r.wait_sec,
    numberLast4: r.phone_last4,
    queue: r.queue,
    cause: r.cause,
    callbackDueAt: r.callback_due_at,
    calledBackAt: r.called_back_at,
    calledBackBy: r.called_back_by,
    calledBackHow: r.called_back_how,
    warningAt: warningAt.get(r.policy_id) ?? 0.8,
  }));
}
