import { HotlineError } from '../../shared/api/result';
import { cleanText } from '../../shared/domain/text';
import { agentMayVoid, VOID_WINDOW_MINUTES } from '../../shared/domain/voiding';
import { updateCall } from '../store/calls';
import { changeRecord } from '../records/callRecord';
import { isLead, type Handler } from './context';

/**
 * Voids a record logged by mistake (a New call pressed by accident, a test
 * call). The record is kept, read-only, with who voided it, when and why; it
 * counts in no figure, blocks no sign-off and owes no follow-up. Its agent may
 * void it within VOID_WINDOW_MINUTES of logging it; a team lead or admin at any
 * time. The reason goes into the audit trail with the change, also as the
 * reason a signed-off day's record changes.
 */
export const voidCall: Handler<'voidCall'> = (req, ctx) => {
  const reason = cleanText(req.reason);
  if (reason === '') throw new HotlineError('void_reason_required', 'Say why this record is voided.', 'voidReason');
  return changeRecord(ctx, { id: req.id, changeReason: reason }, async ({ trx, row, user, now }) => {
    // Logged when the record was made (the typed call time can be earlier): the window starts then.
    if (!isLead(user) && !agentMayVoid(row.created_at, now)) {
      throw new HotlineError(
        'void_too_late',
        `Call ${row.record_no} was logged more than ${VOID_WINDOW_MINUTES} minutes ago: only a team lead can void it now.`,
        'voidReason',
        [row.record_no, String(VOID_WINDOW_MINUTES)],
      );
    }
    await updateCall(trx, row.id, { voided_at: now, voided_by: user.name, void_reason: reason });
  });
};
