import type { Kysely } from 'kysely';
import type { DayBlocker, DayRejudge, DayStatus } from '../../shared/api/records';
import { HotlineError } from '../../shared/api/result';
import { missingReasons } from '../../shared/timing/compliance';
import { localDate } from '../../shared/timing/localTime';
import { listCallsOfDay } from '../store/calls';
import { listMissReasons } from '../store/missReasons';
import { policyAuditAfter } from '../store/policyAudit';
import type { Database } from '../store/schema';
import { findTeamLink } from '../store/outbox';
import { findSignOff, insertSignOff } from '../store/signOffs';
import { inWriteTransaction } from '../store/writeTransaction';
import { targetsOf } from '../records/callRecord';
import { requireDesk, requireRole, type Handler } from './context';

/**
 * What stands between a day and its sign-off (归档): every record closed or
 * handed to a follow-up owner, and every missed target explained.
 */
async function statusOf(db: Kysely<Database>, desk: { code: string; time_zone: string }, date: string, now: number): Promise<DayStatus> {
  const deskCode = desk.code;
  // A record voided as logged by mistake stands in no day's way, and is not one of its records.
  const rows = (await listCallsOfDay(db, deskCode, date)).filter((r) => r.voided_at === null);
  const blockers: DayBlocker[] = [];
  const reasons = await listMissReasons(db, rows.map((r) => r.id));
  for (const row of [...rows].reverse()) {
    const handedOver = (row.result === 'in_progress' || row.result === 'escalated') && row.follow_up_owner !== null;
    if (row.closed_at === null && !handedOver) blockers.push({ callId: row.id, recordNo: row.record_no, problem: 'open' });
    const given = reasons.filter((r) => r.call_id === row.id).map((r) => ({ kind: r.kind, index: r.idx }));
    for (const t of missingReasons(await targetsOf(db, row, now), given)) {
      blockers.push({ callId: row.id, recordNo: row.record_no, problem: 'reason', target: t.kind, index: t.index });
    }
  }
  const signed = await findSignOff(db, deskCode, date);
  const rejudgedAfter = signed ? await rejudgesOf(db, deskCode, date, signed.signed_at) : [];
  return { date, over: date < localDate(now, desk.time_zone), records: rows.length, blockers, signedOff: signed ? { by: signed.signed_by, at: signed.signed_at } : null, rejudgedAfter };
}

/** The policy versions saved after the sign-off whose re-judge changed the day's records (their trail lists the day). */
async function rejudgesOf(db: Kysely<Database>, deskCode: string, date: string, signedAt: number): Promise<DayRejudge[]> {
  return (await policyAuditAfter(db, signedAt)).flatMap((r) => {
    const day = (JSON.parse(r.signed_off_days) as Array<{ deskCode: string; localDate: string; records?: number }>).find((d) => d.deskCode === deskCode && d.localDate === date);
    return day ? [{ version: r.policy_id, at: r.at, actor: r.actor, effectiveFrom: r.effective_from, records: day.records ?? null, reason: r.reason }] : [];
  });
}

export const dayStatus: Handler<'dayStatus'> = async (req, { db, now }) => statusOf(db, await requireDesk(db), req.date, now());

/**
 * Team leads sign a finished day off; from then on its records change only with a stated reason.
 * A desk linked to a team server is signed off there (`hotline team sign-off`), never here: a local
 * sign-off would cover no mark the server knows, so changes after it would not be flagged there, and
 * the server could take a second sign-off of the same day. The server's arrives with the sync.
 */
export const signOffDay: Handler<'signOffDay'> = async (req, { db, now, session }) => {
  const lead = await requireRole(db, session, ['team_lead', 'admin']);
  const desk = await requireDesk(db);
  if (await findTeamLink(db)) {
    throw new HotlineError('team_signs_off', `Desk ${desk.code} is linked to a team server: its days are signed off there (hotline team sign-off ${desk.code} ${req.date}).`, 'date', [desk.code]);
  }
  const at = now();
  if (req.date >= localDate(at, desk.time_zone)) {
    // Coded with the date as data, so that the page says it in its own language.
    throw new HotlineError('day_not_over', `${req.date} is not over yet: only a day that is over can be signed off.`, 'date', [req.date]);
  }
  return inWriteTransaction(db, async (trx) => {
    const status = await statusOf(trx, desk, req.date, at);
    if (status.signedOff) throw new HotlineError('already_signed_off', `${req.date} is already signed off.`, 'date', [req.date]);
    if (status.blockers.length > 0) {
      const problems = status.blockers.map((b) => `${b.recordNo}: ${b.problem === 'open' ? 'not closed and no follow-up owner' : `${b.target} missed without a reason`}`);
      throw new HotlineError('sign_off_blocked', `${req.date} cannot be signed off yet: ${problems.join('; ')}`, 'date', problems);
    }
    await insertSignOff(trx, { desk_code: desk.code, local_date: req.date, signed_by: lead.name, signed_by_id: lead.id, signed_at: at });
    return { ...status, signedOff: { by: lead.name, at } };
  });
};
