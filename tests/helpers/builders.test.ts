import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallRecord } from '../../shared/api/records';
import { evaluateTargets, type TargetKind } from '../../shared/timing/compliance';
import { callAtStage } from './callAtStage';
import { openDeskWithRecords, type StaffedDesk } from './deskWithRecords';
import { SEED_MORNING } from './tempStore';

/** The builders themselves: each stage is what the desk shows after the same clicks. */
let desk: StaffedDesk;
beforeEach(async () => {
  desk = await openDeskWithRecords();
});
afterEach(async () => {
  await desk.close();
});

/** A target's state as the record screen judges it now, by the policy version of the record. */
async function stateOf(record: CallRecord, kind: TargetKind): Promise<string | undefined> {
  const { policy } = await desk.ok('getPolicy', { version: record.policyVersion! });
  return evaluateTargets(record.timing, policy, desk.clock.ms).find((t) => t.kind === kind)?.state;
}

describe('callAtStage', () => {
  it('started: a numbered record with the fields typed, not answered, and what it returns is what the desk reads back', async () => {
    const call = await callAtStage(desk, 'started', { fields: { priority: 'urgent', reason: '系统宕机' } });
    expect(call).toMatchObject({ recordNo: 'CS20240520001', callAt: SEED_MORNING, answeredAt: null, priority: 'urgent', reason: '系统宕机', agent: '李娜' });
    expect(await desk.ok('getCall', { id: call.id })).toEqual(call);
    expect(await stateOf(call, 'response')).toBe('running');
  });

  it('answered: after the minutes given, the response target met within it', async () => {
    const call = await callAtStage(desk, 'answered', { fields: { priority: 'urgent' }, answerAfter: 3 });
    expect(call.responseMinutes).toBe(3);
    expect(call.answeredAt).toBe(desk.clock.ms);
    expect(call.closedAt).toBeNull();
    expect(await stateOf(call, 'response')).toBe('met');
  });

  it('transferred: to 技术部 and waiting, or answered after the minutes given', async () => {
    const waiting = await callAtStage(desk, 'transferred');
    expect(waiting.transfers).toEqual([expect.objectContaining({ seq: 1, to: '技术部', answeredAt: null })]);
    const answered = await callAtStage(desk, 'transferred', { answerAfter: 1, transfer: { to: '售后部', after: 2, answeredAfter: 5 } });
    expect(answered.transfers).toEqual([expect.objectContaining({ seq: 1, to: '售后部', transferredAt: answered.callAt + 3 * 60_000, secondResponseMinutes: 5 })]);
    expect(await stateOf(answered, 'secondResponse')).toBe('met');
  });

  it('closed: resolved by default, closed at the clock, its response met or breached by the targets', async () => {
    const onTime = await callAtStage(desk, 'closed', { fields: { priority: 'urgent' }, answerAfter: 2, steps: ['远程重启服务'], closeAfter: 1 });
    expect(onTime).toMatchObject({ result: 'resolved', closedAt: desk.clock.ms, responseMinutes: 2 });
    expect(onTime.steps.map((s) => s.text)).toEqual(['远程重启服务']);
    expect(await stateOf(onTime, 'response')).toBe('met');

    const late = await callAtStage(desk, 'closed', { fields: { priority: 'urgent' }, answerAfter: 20, missReason: { code: 'overload' } });
    expect(late.closedAt).toBe(desk.clock.ms);
    expect(await stateOf(late, 'response')).toBe('breached');
    expect(late.missReasons).toEqual([expect.objectContaining({ kind: 'response', index: 0, code: 'overload' })]);
  });

  it('closed: in progress with its follow-up, and refused (as the desk refuses it) when a missed target has no reason', async () => {
    const handedOn = await callAtStage(desk, 'closed', { result: 'in_progress', followUpDue: '2024-05-21 10:00', followUpOwner: '张工' });
    expect(handedOn).toMatchObject({ result: 'in_progress', followUpOwner: '张工', followUpDueAt: Date.UTC(2024, 4, 21, 2, 0) });
    await expect(callAtStage(desk, 'closed', { fields: { priority: 'urgent' }, answerAfter: 20 })).rejects.toThrow(/miss_reason_required/);
  });

  it('breached: answered a minute past the response target of its priority, with the reason given', async () => {
    const urgent = await callAtStage(desk, 'breached', { fields: { priority: 'urgent' } });
    expect(urgent.responseMinutes).toBe(16);
    expect(urgent.missReasons).toEqual([expect.objectContaining({ kind: 'response', index: 0, code: 'overload', author: '李娜' })]);
    expect(await stateOf(urgent, 'response')).toBe('breached');
    // Its miss has its reason: a result is all closing it needs.
    await desk.ok('setResult', { id: urgent.id, result: 'resolved' });
    expect((await desk.ok('closeCall', { id: urgent.id })).closedAt).toBe(desk.clock.ms);

    const important = await callAtStage(desk, 'breached', { fields: { priority: 'important' }, missReason: { code: 'waiting_on_department', text: '等待技术部' } });
    expect(important.responseMinutes).toBe(61);
    expect(important.missReasons).toEqual([expect.objectContaining({ code: 'waiting_on_department', text: '等待技术部' })]);
  });

  it('breached: refuses to call a record breached whose answer came in time', async () => {
    await expect(callAtStage(desk, 'breached', { fields: { priority: 'urgent' }, answerAfter: 10 })).rejects.toThrow(/response target of CS20240520001 was met/);
  });

  it('moves the clock to startAt first', async () => {
    const nextDay = await callAtStage(desk, 'started', { startAt: SEED_MORNING + 24 * 3_600_000 });
    expect(nextDay.recordNo).toBe('CS20240521001');
  });
});

describe('openDeskWithRecords', () => {
  it('has the agent and lead asked for, the agent signed in, and logs the records as the agent', async () => {
    const staffed = await openDeskWithRecords({ agent: '王芳', lead: '张主管', records: [['closed', { answerAfter: 2 }], ['started']] });
    try {
      expect(await staffed.ok('whoAmI', {})).toMatchObject({ id: staffed.people.agent, name: '王芳', role: 'agent' });
      expect(staffed.records.map((r) => [r.recordNo, r.agent, r.closedAt !== null])).toEqual([
        ['CS20240520001', '王芳', true],
        ['CS20240520002', '王芳', false],
      ]);
      expect(await staffed.ok('getCall', { id: staffed.records[0]!.id })).toEqual(staffed.records[0]);
      expect(await staffed.signInAs('lead')).toMatchObject({ name: '张主管', role: 'team_lead' });
      expect(await staffed.signInAs('admin')).toMatchObject({ id: staffed.people.admin, name: '李娜', role: 'admin' });
    } finally {
      await staffed.close();
    }
  });

  it('keeps the admin signed in without an agent, and refuses a profile it was not given', async () => {
    expect(await desk.ok('whoAmI', {})).toMatchObject({ name: '李娜', role: 'admin' });
    expect(() => desk.signInAs('lead')).toThrow(/no lead at this desk/);
  });
});
