import { HotlineError } from '../../shared/api/result';
import { localDate, localHour } from '../../shared/timing/localTime';
import { listTransfers, markTransferAnswered, moveTransferHandover, updateCall } from '../store/calls';
import { listAudit } from '../store/audit';
import { changeRecord, refuseIfBefore } from '../records/callRecord';
import { momentOf, type Handler } from './context';
import { refuse } from '../../shared/i18n/refusals';

/**
 * Corrects a timestamp that feeds the targets (a click made at the wrong
 * moment). Always with a reason, always in the audit trail, and never out of
 * order with the call's other moments. A call's time stays on its day: its
 * record number carries the date.
 */
export const correctMoment: Handler<'correctMoment'> = (req, ctx) =>
  changeRecord(ctx, req, async ({ trx, row, desk, ctx: click }) => {
    if (req.changeReason.trim() === '') throw refuse('correction_reason_required', {}, 'changeReason');
    const at = momentOf(req.at, desk.time_zone, click);
    const transfers = await listTransfers(trx, row.id);
    const transfer = transfers[req.index ?? 0];
    const needTransfer = () => {
      if (!transfer) throw refuse('no_such_transfer', {}, 'index');
      return transfer;
    };
    const notAfter = (limit: number | null | undefined) => {
      if (limit !== null && limit !== undefined && at > limit) {
        throw new HotlineError('before_previous_step', 'That time is after the next moment logged on this call.', 'at');
      }
    };
    switch (req.moment) {
      case 'call':
        if (localDate(at, row.time_zone) !== row.local_date) {
          throw refuse('call_date_fixed', { date: row.local_date }, 'at');
        }
        notAfter(row.answered_at);
        return updateCall(trx, row.id, { call_at: at, local_hour: localHour(at, row.time_zone) });
      case 'answer':
        if (row.answered_at === null) throw new HotlineError('not_answered', 'This call was not answered yet.');
        refuseIfBefore(at, row.call_at, 'answer_before_call');
        notAfter(transfers[0]?.transferred_at ?? row.closed_at);
        return updateCall(trx, row.id, { answered_at: at });
      case 'transfer': {
        const t = needTransfer();
        refuseIfBefore(at, row.answered_at ?? row.call_at, 'before_previous_step');
        notAfter(t.answered_at);
        return moveTransferHandover(trx, t.id, at);
      }
      case 'transferAnswer': {
        const t = needTransfer();
        if (t.answered_at === null) throw new HotlineError('no_open_transfer', 'That transfer was not answered yet.');
        refuseIfBefore(at, t.transferred_at, 'before_previous_step');
        notAfter(transfers[(req.index ?? 0) + 1]?.transferred_at ?? row.closed_at);
        return markTransferAnswered(trx, t.id, at);
      }
      case 'close': {
        if (row.closed_at === null) throw refuse('not_closed');
        const latest = Math.max(row.answered_at ?? row.call_at, ...transfers.map((t) => t.answered_at ?? t.transferred_at));
        refuseIfBefore(at, latest, 'before_previous_step');
        return updateCall(trx, row.id, { closed_at: at });
      }
    }
  });

export const getAudit: Handler<'getAudit'> = async (req, { db }) =>
  (await listAudit(db, req.id)).map((a) => ({ field: a.field, oldValue: a.old_value, newValue: a.new_value, actor: a.actor, at: a.at, reason: a.reason }));
