import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callAtStage } from '../../helpers/callAtStage';
import { openDeskWithRecords, type StaffedDesk } from '../../helpers/deskWithRecords';
import { SEED_MORNING } from '../../helpers/tempStore';

let desk: StaffedDesk;
beforeEach(async () => {
  // Calls are logged by the admin who set the desk up (李娜); the agent and lead sign in when a test asks.
  desk = await openDeskWithRecords({ agent: '王芳', lead: '张主管', signedIn: 'admin' });
});
afterEach(async () => {
  await desk.close();
});

/** A call logged on 20 May, closed; the clock then moves to the next morning. */
async function yesterdaysCall() {
  const call = await callAtStage(desk, 'closed', { answerAfter: 2, fields: { reason: '订单物流异常' } });
  desk.clock.ms = SEED_MORNING + 24 * 3_600_000;
  return call;
}

describe('the audit trail', () => {
  it('keeps every change after the first save: old, new, who, when', async () => {
    const call = await desk.ok('startCall', {});
    desk.clock.advance(1);
    await desk.ok('answerCall', { id: call.id });
    await desk.ok('updateCall', { id: call.id, patch: { reason: '订单物流异常' } });
    await desk.ok('updateCall', { id: call.id, patch: { reason: '订单退款' } });
    await desk.ok('addStep', { id: call.id, text: '查询订单' });
    const audit = await desk.ok('getAudit', { id: call.id });
    expect(audit.map((a) => [a.field, a.oldValue, a.newValue, a.actor])).toEqual([
      ['answeredAt', null, String(SEED_MORNING + 60_000), '李娜'],
      ['reason', null, '订单物流异常', '李娜'],
      ['reason', '订单物流异常', '订单退款', '李娜'],
      ['step#1', null, '查询订单', '李娜'],
    ]);
  });

  it('is append-only in the database itself', async () => {
    const call = await desk.ok('startCall', {});
    await desk.ok('updateCall', { id: call.id, patch: { reason: 'x' } });
    expect(() => desk.store.sqlite.prepare('UPDATE audit_log SET new_value = ?').run('y')).toThrow(/append-only/);
    expect(() => desk.store.sqlite.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
  });

  it('corrects a timestamp only with a reason, in order, and logs why', async () => {
    const call = await callAtStage(desk, 'answered', { answerAfter: 5 });
    expect(await desk.call('correctMoment', { id: call.id, moment: 'answer', at: '14:18', changeReason: ' ' })).toMatchObject({ ok: false, error: { field: 'changeReason' } });
    expect(await desk.call('correctMoment', { id: call.id, moment: 'answer', at: '14:10', changeReason: '点错' })).toMatchObject({ ok: false, error: { code: 'answer_before_call' } });
    const fixed = await desk.ok('correctMoment', { id: call.id, moment: 'answer', at: '14:17', changeReason: '接听时漏点，按通话记录更正' });
    expect(fixed.responseMinutes).toBe(2);
    expect((await desk.ok('getAudit', { id: call.id })).at(-1)).toMatchObject({ field: 'answeredAt', reason: '接听时漏点，按通话记录更正' });
  });
});

describe('signing a day off', () => {
  it('lists what is missing, then archives the day; archived records change only with a reason', async () => {
    const open = await callAtStage(desk, 'started');
    // Answered late, its missed response not yet given a reason.
    const breached = await callAtStage(desk, 'answered', { fields: { priority: 'urgent' }, answerAfter: 20, result: 'resolved' });
    desk.clock.ms = SEED_MORNING + 24 * 3_600_000;

    const status = await desk.ok('dayStatus', { date: '2024-05-20' });
    expect(status.blockers).toEqual([
      { callId: open.id, recordNo: open.recordNo, problem: 'open' },
      expect.objectContaining({ callId: open.id, problem: 'reason', target: 'response' }),
      { callId: breached.id, recordNo: breached.recordNo, problem: 'open' },
      expect.objectContaining({ callId: breached.id, problem: 'reason', target: 'response' }),
    ]);
    await desk.signInAs('lead');
    expect(await desk.call('signOffDay', { date: '2024-05-20' })).toMatchObject({ ok: false, error: { code: 'sign_off_blocked' } });

    for (const c of [open, breached]) {
      await desk.ok('addMissReason', { id: c.id, kind: 'response', index: 0, code: 'overload' });
    }
    await desk.ok('setResult', { id: open.id, result: 'in_progress', followUpDue: '2024-05-22 10:00', followUpOwner: '张主管' });
    await desk.ok('closeCall', { id: breached.id });
    const signed = await desk.ok('signOffDay', { date: '2024-05-20' });
    expect(signed.signedOff).toEqual({ by: '张主管', at: desk.clock.ms });

    expect(await desk.call('updateCall', { id: breached.id, patch: { remarks: '补记' } })).toMatchObject({ ok: false, error: { code: 'archived_needs_reason', field: 'changeReason' } });
    await desk.ok('updateCall', { id: breached.id, patch: { remarks: '补记' }, changeReason: '客户来电补充说明' });
    expect((await desk.ok('getAudit', { id: breached.id })).at(-1)).toMatchObject({ field: 'remarks', newValue: '补记', reason: '客户来电补充说明', actor: '张主管' });
  });

  it('needs a team lead, and a day that is over', async () => {
    const call = await yesterdaysCall();
    expect(call.localDate).toBe('2024-05-20');
    await desk.signInAs('agent');
    expect(await desk.call('signOffDay', { date: '2024-05-20' })).toMatchObject({ ok: false, error: { code: 'forbidden', problems: ['team_lead', 'admin'] } });
    await desk.signInAs('admin');
    // Refusals carry a code and the date as data, for the page to say in its language.
    expect((await desk.ok('dayStatus', { date: '2024-05-21' })).over).toBe(false);
    expect((await desk.ok('dayStatus', { date: '2024-05-20' })).over).toBe(true);
    expect(await desk.call('signOffDay', { date: '2024-05-21' })).toMatchObject({ ok: false, error: { code: 'day_not_over', field: 'date', problems: ['2024-05-21'] } });
    expect((await desk.ok('signOffDay', { date: '2024-05-20' })).signedOff).not.toBeNull();
    expect(await desk.call('signOffDay', { date: '2024-05-20' })).toMatchObject({ ok: false, error: { code: 'already_signed_off', problems: ['2024-05-20'] } });
  });
});
