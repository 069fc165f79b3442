import { HotlineError } from '../../shared/api/result';
import { cleanText } from '../../shared/domain/text';
import { refuse } from '../../shared/i18n/refusals';
import { evaluateTargets } from '../../shared/timing/compliance';
import { currentPolicy } from '../records/policies';
import { teamRecordView } from '../team/teamRecordView';
import type { TeamScope } from '../team/scope';
import { onTeamServer, requireTeamScope, type Handler } from './context';

/**
 * Another desk's record in team scope: read from the team server as it holds
 * it, and changed only through that desk (the team inbox): a lead's change is
 * checked here as far as the server's copy allows, so that a typo shows next to
 * its field at once; the owning desk checks it again through its records core
 * when it applies it, and refuses it with why if its own copy says otherwise.
 */

async function readRecord(team: TeamScope, deskCode: string, recordNo: string) {
  const found = await onTeamServer(() => team.record(deskCode, recordNo));
  if (!found) throw new HotlineError('not_found', `The team server has no record ${recordNo} of desk ${deskCode}.`);
  return teamRecordView(found);
}

export const teamRecord: Handler<'teamRecord'> = async (req, ctx) => {
  const { team } = await requireTeamScope(ctx);
  return readRecord(team, req.deskCode, req.recordNo);
};

export const sendToDesk: Handler<'sendToDesk'> = async (req, ctx) => {
  const { team, user } = await requireTeamScope(ctx);
  const { record } = await readRecord(team, req.deskCode, req.recordNo);
  const { policy } = await currentPolicy(ctx.db, ctx.now());
  const targets = evaluateTargets(record.timing, policy, ctx.now());
  const { method, ...payload } = req.change;
  if (req.change.method === 'addMissReason') {
    const { kind, index, code, text } = req.change;
    const field = `missReason-${kind}-${index}`;
    if (!targets.some((t) => t.kind === kind && t.index === index && t.state === 'breached')) throw refuse('target_not_missed', {}, field);
    if (code === 'other' && (text === undefined || cleanText(text) === '')) throw refuse('other_reason_required', {}, field);
  } else {
    const { kind, outcome } = req.change;
    const field = `outcome-${kind}`;
    if (cleanText(outcome) === '') throw new HotlineError('outcome_required', 'Say what came of it.', field);
    if (!targets.some((t) => t.kind === kind && t.state !== 'na' && t.endAt === null)) throw new HotlineError('follow_up_not_open', 'That follow-up is not open on this record.', field);
  }
  // In the name of the lead signed in here: the desk applies it as that lead, and audits it so.
  await onTeamServer(() => team.send({ deskCode: req.deskCode, recordNo: req.recordNo, method, payload, createdBy: user.name }));
  return readRecord(team, req.deskCode, req.recordNo);
};
