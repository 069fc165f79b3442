import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultPolicy, FOUR_LEVELS } from '../../../shared/policy/defaults';
import { callAtStage } from '../../helpers/callAtStage';
import { openTestDesk, type TestDesk } from '../../helpers/tempStore';

let desk: TestDesk;
beforeEach(async () => {
  desk = await openTestDesk();
});
afterEach(async () => {
  await desk.close();
});


describe('a breached record cannot be closed without a reason', () => {
  it('refuses to close a regular complaint answered after 1 h 5 min until its response miss has a reason', async () => {
    const call = await callAtStage(desk, 'answered', { fields: { priority: 'important', requestType: 'complaint', customerType: 'regular' }, answerAfter: 65, result: 'resolved' });
    const refused = await desk.call('closeCall', { id: call.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'miss_reason_required', field: 'missReasons', problems: ['response'] } });

    expect(await desk.call('addMissReason', { id: call.id, kind: 'response', index: 0, code: 'other' })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(await desk.call('addMissReason', { id: call.id, kind: 'resolution', index: 0, code: 'overload' })).toMatchObject({
      ok: false,
      error: { message: 'That target was not missed, so it needs no reason.' },
    });
    const withReason = await desk.ok('addMissReason', { id: call.id, kind: 'response', index: 0, code: 'overload', text: '高峰期同时接待量超负荷' });
    expect(withReason.missReasons).toEqual([expect.objectContaining({ kind: 'response', index: 0, code: 'overload', author: '李娜' })]);
    expect((await desk.ok('closeCall', { id: call.id })).closedAt).not.toBeNull();
  });

  it('lets a VIP technical fault answered after 12 minutes close without any reason', async () => {
    const call = await callAtStage(desk, 'closed', { fields: { priority: 'urgent', category: 'technical', customerType: 'vip' }, answerAfter: 12 });
    expect(call.closedAt).not.toBeNull();
  });

  it('refuses a priority the record’s policy does not have', async () => {
    const call = await desk.ok('startCall', {});
    expect(await desk.call('updateCall', { id: call.id, patch: { priority: 'medium' } })).toMatchObject({ ok: false, error: { field: 'priority' } });
  });
});

describe('the policy', () => {
  it('starts as the defaults in the desk zone, version 1', async () => {
    const current = await desk.ok('getPolicy', {});
    expect(current.version).toBe(1);
    expect(current.policy).toEqual(defaultPolicy('Asia/Shanghai'));
  });

  it('refuses a bad policy with every problem listed, and keeps the current one', async () => {
    const bad = { ...defaultPolicy('Asia/Shanghai'), warningAt: 1.5, defaultPriority: 'none', calendar: { ...defaultPolicy('Mars/Base').calendar } };
    const result = await desk.call('savePolicy', { policy: bad });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_policy');
    expect(result.error.problems).toEqual(
      expect.arrayContaining([expect.stringMatching(/^warningAt:/), expect.stringMatching(/^defaultPriority:/), expect.stringMatching(/^calendar.timeZone:/)]),
    );
    expect((await desk.ok('getPolicy', {})).version).toBe(1);
  });

  it('judges each record by the version in force when its call came in, never rewriting history', async () => {
    const before = await desk.ok('startCall', {});
    await desk.ok('updateCall', { id: before.id, patch: { priority: 'urgent' } });
    desk.clock.advance(1);
    const tighter = { ...defaultPolicy('Asia/Shanghai'), priorities: FOUR_LEVELS, defaultPriority: 'medium' };
    const saved = await desk.ok('savePolicy', { policy: tighter });
    expect(saved.version).toBe(2);
    desk.clock.advance(1);
    const after = await desk.ok('startCall', {});
    expect((await desk.ok('getCall', { id: before.id })).policyVersion).toBe(1);
    expect(after.policyVersion).toBe(2);
    expect((await desk.ok('updateCall', { id: after.id, patch: { priority: 'medium' } })).priority).toBe('medium');
    // A call typed in late, from before the change, is judged by the old version.
    expect((await desk.ok('startCall', { at: '14:15' })).policyVersion).toBe(1);
    expect((await desk.ok('getPolicy', { version: 1 })).policy.priorities.map((l) => l.key)).toEqual(['urgent', 'important', 'general']);
  });

  it('suggests a country’s public holidays from date-holidays', async () => {
    const holidays = await desk.ok('suggestHolidays', { country: 'CN', year: 2025 });
    expect(holidays).toEqual(expect.arrayContaining([{ date: '2025-10-01', name: expect.any(String) }]));
    expect(await desk.call('suggestHolidays', { country: 'XX', year: 2025 })).toMatchObject({ ok: false, error: { field: 'country' } });
  });
});

describe('follow-ups', () => {
  it('lists open work overdue first, and completing one logs a step on the same record', async () => {
    const inProgress = { result: 'in_progress', followUpDue: '2024-05-21 10:00', followUpOwner: '张工' } as const;
    const progress = await callAtStage(desk, 'closed', { fields: { priority: 'urgent', salutation: '王女士' }, ...inProgress });
    const complaint = await callAtStage(desk, 'closed', { fields: { requestType: 'complaint', feedback: 'unsatisfied', feedbackReason: '等待时间太长' } });

    desk.clock.advance(100); // 83 % of the urgent 2-hour resolution target
    const items = await desk.ok('listFollowUps', {});
    expect(items.map((i) => [i.recordNo, i.kind, i.state])).toEqual([
      [progress.recordNo, 'progressUpdate', 'breached'],
      [progress.recordNo, 'resolution', 'near'],
      [complaint.recordNo, 'callback', 'running'],
      [complaint.recordNo, 'leadFollowUp', 'running'],
    ]);
    expect(items[0]!.owner).toBe('张工');

    const called = await desk.ok('completeFollowUp', { id: complaint.id, kind: 'callback', outcome: '客户确认已解决' });
    expect(called.callbackDoneAt).toBe(desk.clock.ms);
    // Stored language-neutral: the kind as a code, the words as typed; labelled when shown.
    expect(called.steps.at(-1)).toMatchObject({ followUp: 'callback', text: '客户确认已解决' });
    const resolved = await desk.ok('completeFollowUp', { id: progress.id, kind: 'resolution', outcome: '上门更换主板' });
    expect(resolved.result).toBe('resolved');
    expect(resolved.resultToldAt).toBe(desk.clock.ms);
    expect((await desk.ok('listFollowUps', {})).map((i) => [i.recordNo, i.kind])).toEqual([[complaint.recordNo, 'leadFollowUp']]);
    expect(await desk.call('completeFollowUp', { id: complaint.id, kind: 'callback', outcome: 'again' })).toMatchObject({ ok: false, error: { code: 'follow_up_not_open' } });
    // Coded, so that the page says it in its language.
    expect(await desk.call('completeFollowUp', { id: complaint.id, kind: 'leadFollowUp', outcome: '  ' })).toMatchObject({ ok: false, error: { code: 'outcome_required', field: 'outcome-leadFollowUp' } });
  });

  it('asks for the result to be told when a call is resolved after it closed', async () => {
    const call = await callAtStage(desk, 'closed', { result: 'in_progress', followUpDue: '2024-05-21 10:00', followUpOwner: '张工' });
    const resolved = await desk.ok('setResult', { id: call.id, result: 'resolved' });
    expect(resolved.resolvedAt).toBe(desk.clock.ms);
    expect(resolved.resultToldAt).toBeNull();
    desk.clock.advance(31);
    expect((await desk.ok('listFollowUps', {})).map((i) => [i.kind, i.state])).toEqual([['resultTold', 'breached']]);
  });
});
