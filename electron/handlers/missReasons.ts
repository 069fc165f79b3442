import { cleanText } from '../../shared/domain/text';
import { saveMissReason } from '../store/missReasons';
import { changeRecord, targetsOf } from '../records/callRecord';
import type { Handler } from './context';
import { refuse } from '../../shared/i18n/refusals';

/**
 * A reason for one missed target (a pick-list code, plus free text; "other"
 * needs the text). Kept per target, and allowed on a closed record too.
 */
export const addMissReason: Handler<'addMissReason'> = (req, ctx) =>
  changeRecord(ctx, req, async ({ trx, row, user, now }) => {
    const target = (await targetsOf(trx, row, now)).find((t) => t.kind === req.kind && t.index === req.index);
    if (!target || target.state !== 'breached') {
      throw refuse('target_not_missed', {}, 'missReasons');
    }
    const text = req.text === undefined ? null : cleanText(req.text) || null;
    if (req.code === 'other' && text === null) {
      throw refuse('other_reason_required', {}, `missReason-${req.kind}-${req.index}`);
    }
    await saveMissReason(trx, { call_id: row.id, kind: req.kind, idx: req.index, code: req.code, text, author: user.name, at: now });
  });
