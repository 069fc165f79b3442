import { HotlineError } from '../../shared/api/result';
import { cleanText } from '../../shared/domain/text';
import { saveMissReason } from '../store/missReasons';
import { changeRecord, targetsOf } from './callRecord';
import type { Handler } from './context';

/**
 * A reason for one missed target (a pick-list code, plus free text; "other"
 * needs the text). Kept per target, and allowed on a closed record too.
 */
export const addMissReason: Handler<'addMissReason'> = (req, ctx) =>
  changeRecord(ctx, req, async ({ trx, row, user, now }) => {
    const target = (await targetsOf(trx, row, now)).find((t) => t.kind === req.kind && t.index === req.index);
    if (!target || target.state !== 'breached') {
      throw new HotlineError('invalid_request', 'That target was not missed, so it needs no reason.', 'missReasons');
    }
    const text = req.text === undefined ? null : cleanText(req.text) || null;
    if (req.code === 'other' && text === null) {
      throw new HotlineError('invalid_request', 'Describe the reason when choosing "other".', `missReason-${req.kind}-${req.index}`);
    }
    await saveMissReason(trx, { call_id: row.id, kind: req.kind, idx: req.index, code: req.code, text, author: user.name, at: now });
  });
