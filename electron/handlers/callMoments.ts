import { cleanText } from '../../shared/domain/text';
import {
  insertStep,
  insertTransfer,
  listTransfers,
  markTransferAnswered,
  updateCall,
} from '../store/calls';
import { inWriteTransaction } from '../store/writeTransaction';
import { openRecord } from '../records/openRecord';
import { changeRecord, loadRecord, refuseIfBefore, refuseIfReasonsMissing, refuseUnlessAllowed } from '../records/callRecord';
import { momentOf, requireDesk, requireUser, type Handler } from './context';
import { refuse } from '../../shared/i18n/refusals';

/**
 * The one-click moments of a call: came in, answered, transferred, transfer answered, step, closed.
 * Which may follow which, and what closing needs, is the call-flow rule's (refuseUnlessAllowed);
 * each handler then checks what the rule cannot know beforehand: the text and time typed, missed targets' reasons.
 */

export const startCall: Handler<'startCall'> = async (req, ctx) =>
  inWriteTransaction(ctx.db, async (trx) => {
    const desk = await requireDesk(trx);
    const user = await requireUser(trx, ctx.session);
    const id = await openRecord(trx, desk, user, momentOf(req.at, desk.time_zone, ctx), ctx.now());
    return loadRecord(trx, id);
  });

export const answerCall: Handler<'answerCall'> = (req, ctx) =>
  changeRecord(ctx, req, async ({ trx, row, desk, record, ctx: click }) => {
    refuseUnlessAllowed(record, 'answer');
    const at = refuseIfBefore(momentOf(req.at, desk.time_zone, click), row.call_at, 'answer_before_call');
    await updateCall(trx, row.id, { answered_at: at });
  });

export const transferCall: Handler<'transferCall'> = (req, ctx) =>
  changeRecord(ctx, req, async ({ trx, row, desk, record, ctx: click }) => {
    refuseUnlessAllowed(record, 'transfer');
    const to = cleanText(req.to);
    if (to === '') throw refuse('transfer_to_required', {}, 'transferTo');
    const transfers = await listTransfers(trx, row.id);
    const earliest = Math.max(row.answered_at!, ...transfers.map((t) => t.answered_at ?? 0));
    const at = refuseIfBefore(momentOf(req.at, desk.time_zone, click), earliest, 'before_previous_step');
    await insertTransfer(trx, row.id, to, at);
  });

export const answerTransfer: Handler<'answerTransfer'> = (req, ctx) =>
  changeRecord(ctx, req, async ({ trx, row, desk, record, ctx: click }) => {
    refuseUnlessAllowed(record, 'answerTransfer');
    const pending = (await listTransfers(trx, row.id)).find((t) => t.answered_at === null)!;
    const at = refuseIfBefore(momentOf(req.at, desk.time_zone, click), pending.transferred_at, 'before_previous_step');
    await markTransferAnswered(trx, pending.id, at);
  });

/** Steps may be added after the call is closed: a follow-up is logged on the same record. */
export const addStep: Handler<'addStep'> = (req, ctx) =>
  changeRecord(ctx, req, async ({ trx, row, user, record, now }) => {
    refuseUnlessAllowed(record, 'addStep');
    const text = cleanText(req.text);
    if (text === '') throw refuse('step_required', {}, 'step');
    await insertStep(trx, row.id, now, user.name, text);
  });

export const closeCall: Handler<'closeCall'> = (req, ctx) =>
  changeRecord(ctx, req, async ({ trx, row, desk, record, ctx: click }) => {
    refuseUnlessAllowed(record, 'close');
    const transfers = await listTransfers(trx, row.id);
    const latest = Math.max(row.answered_at!, ...transfers.map((t) => t.answered_at ?? t.transferred_at));
    const at = refuseIfBefore(momentOf(req.at, desk.time_zone, click), latest, 'before_previous_step');
    await refuseIfReasonsMissing(trx, { ...row, closed_at: at }, at);
    await updateCall(trx, row.id, { closed_at: at });
  });
