import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callAtStage } from '../../helpers/callAtStage';
import { openDeskWithRecords, type StaffedDesk } from '../../helpers/deskWithRecords';

/**
 * Issue 12, "one call, one workspace": a record made by mistake (New call
 * pressed during a call) can be voided, by its agent within 10 minutes of
 * logging it and by a team lead at any time, always with a reason; it is kept,
 * read-only and audited, and counts in no figure and no sign-off.
 */
let desk: StaffedDesk;
beforeEach(async () => {
  desk = await openDeskWithRecords({ agent: '王芳', lead: '张主管' });
});
afterEach(async () => {
  await desk.close();
});

/** A call worked through to its close: the real one of the day. */
const realCall = () => callAtStage(desk, 'closed', { answerAfter: 1, fields: { reason: '订单物流异常', category: 'service', feedback: 'satisfied' } });

describe('voiding a record logged by mistake', () => {
  it('lets its agent void it within 10 minutes, with the reason kept and audited; then nothing may change it', async () => {
    const mistake = await desk.ok('startCall', {});
    desk.clock.advance(10);
    const voided = await desk.ok('voidCall', { id: mistake.id, reason: '误按新来电' });
    expect(voided.voided).toEqual({ at: desk.clock.ms, by: '王芳', reason: '误按新来电' });

    const audit = await desk.ok('getAudit', { id: mistake.id });
    expect(audit.filter((a) => a.field.startsWith('void'))).toEqual([
      { field: 'voidedAt', oldValue: null, newValue: String(desk.clock.ms), actor: '王芳', at: desk.clock.ms, reason: '误按新来电' },
      { field: 'voidReason', oldValue: null, newValue: '误按新来电', actor: '王芳', at: desk.clock.ms, reason: '误按新来电' },
    ]);

    // Read-only from now on, for the lead too.
    expect(await desk.call('addStep', { id: mistake.id, text: '查询物流' })).toMatchObject({ ok: false, error: { code: 'record_voided', problems: [mistake.recordNo] } });
    expect(await desk.call('updateCall', { id: mistake.id, patch: { remarks: '补充' } })).toMatchObject({ ok: false, error: { code: 'record_voided' } });
    await desk.signInAs('lead');
    expect(await desk.call('voidCall', { id: mistake.id, reason: '再次作废' })).toMatchObject({ ok: false, error: { code: 'record_voided' } });
    expect((await desk.ok('getCall', { id: mistake.id })).voided?.reason).toBe('误按新来电');
    expect(await desk.ok('getAudit', { id: mistake.id })).toHaveLength(audit.length);
  });

  it('refuses the agent after 10 minutes, coded with the record and the window; a team lead may void it any time', async () => {
    const mistake = await desk.ok('startCall', {});
    desk.clock.advance(10);
    desk.clock.ms += 1000;
    const refused = await desk.call('voidCall', { id: mistake.id, reason: '误按新来电' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'void_too_late', field: 'voidReason', problems: [mistake.recordNo, '10'] } });
    expect((await desk.ok('getCall', { id: mistake.id })).voided).toBeNull();
    expect(await desk.ok('getAudit', { id: mistake.id })).toEqual([]);

    desk.clock.advance(3 * 24 * 60);
    await desk.signInAs('lead');
    const voided = await desk.ok('voidCall', { id: mistake.id, reason: '坐席误操作，已核实' });
    expect(voided.voided).toMatchObject({ by: '张主管', reason: '坐席误操作，已核实' });
  });

  it('requires a reason, next to its field', async () => {
    const mistake = await desk.ok('startCall', {});
    for (const reason of ['', '   ']) {
      expect(await desk.call('voidCall', { id: mistake.id, reason })).toMatchObject({ ok: false, error: { code: 'void_reason_required', field: 'voidReason' } });
    }
    expect((await desk.ok('getCall', { id: mistake.id })).voided).toBeNull();
  });

  it("lets no agent void another agent's record", async () => {
    await desk.signInAs('lead');
    const theirs = await desk.ok('startCall', {});
    await desk.signInAs('agent');
    expect(await desk.call('voidCall', { id: theirs.id, reason: '误按' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('a voided record', () => {
  it('counts in no figure: statistics, the period report, follow-ups and the review lists, but is found under Voided', async () => {
    await realCall();
    // The mistake was answered and given a reason and a result in progress before anyone noticed.
    const mistake = await callAtStage(desk, 'answered', {
      fields: { reason: '测试来电', priority: 'urgent', feedback: 'unsatisfied', feedbackReason: '测试' },
      result: 'in_progress',
      followUpDue: '2024-05-20 18:00',
      followUpOwner: '王芳',
    });
    const day = { from: '2024-05-20', to: '2024-05-20' };
    expect((await desk.ok('getStats', day)).kpis.calls).toBe(2);
    expect((await desk.ok('listFollowUps', {})).some((f) => f.callId === mistake.id)).toBe(true);

    await desk.ok('voidCall', { id: mistake.id, reason: '误按新来电' });

    const stats = await desk.ok('getStats', day);
    expect(stats.kpis).toMatchObject({ calls: 1, answered: 1 });
    expect(stats.topReasons).toEqual([{ reason: '订单物流异常', calls: 1 }]);
    expect(stats.satisfaction.find((s) => s.feedback === 'unsatisfied')?.calls ?? 0).toBe(0);
    expect(stats.agents).toEqual([expect.objectContaining({ agent: '王芳', calls: 1, openFollowUps: 0 })]);
    expect(stats.followUps.resolutionsOpen).toBe(0);
    expect(await desk.ok('listFollowUps', {})).toEqual([]);

    await desk.signInAs('lead');
    const report = await desk.ok('getReport', day);
    expect(report.stats.kpis.calls).toBe(1);
    expect(report.breaches.recent.map((b) => b.id)).not.toContain(mistake.id);

    const list = await desk.ok('reviewRecords', day);
    expect(list.rows.map((r) => r.id)).not.toContain(mistake.id);
    expect(list.total).toBe(1);
    expect((await desk.ok('reviewRecords', { ...day, state: 'open' })).rows.map((r) => r.id)).not.toContain(mistake.id);
    const voided = await desk.ok('reviewRecords', { ...day, state: 'voided' });
    expect(voided.rows.map((r) => r.id)).toEqual([mistake.id]);

    // Still on the desk's day list, marked.
    const today = await desk.ok('listDay', {});
    expect(today.records.find((r) => r.id === mistake.id)?.voidedAt).not.toBeNull();
    // Never exported: the Voided filter is refused before any dialog.
    expect(await desk.call('startExport', { ...day, state: 'voided', format: 'csv' })).toMatchObject({ ok: false, error: { code: 'voided_not_exported' } });
  });

  it('blocks no sign-off, and is not one of the day’s records', async () => {
    await realCall();
    const mistake = await desk.ok('startCall', {});
    desk.clock.advance(24 * 60);
    await desk.signInAs('lead');
    const before = await desk.ok('dayStatus', { date: '2024-05-20' });
    // Never answered: open, and its response target missed without a reason (the trial's record that blocked the day).
    expect(before.blockers.map((b) => [b.callId, b.problem])).toEqual([
      [mistake.id, 'open'],
      [mistake.id, 'reason'],
    ]);
    expect(await desk.call('signOffDay', { date: '2024-05-20' })).toMatchObject({ ok: false, error: { code: 'sign_off_blocked' } });

    await desk.ok('voidCall', { id: mistake.id, reason: '误按新来电，客户未来电' });
    const signed = await desk.ok('signOffDay', { date: '2024-05-20' });
    expect(signed).toMatchObject({ blockers: [], records: 1, signedOff: { by: '张主管' } });
  });
});
