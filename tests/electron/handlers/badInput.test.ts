import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MethodName, RequestOf } from '../../../shared/api/contract';
import type { CallRecord } from '../../../shared/api/records';
import { openTestDesk, type TestDesk } from '../../helpers/tempStore';

let desk: TestDesk;
let call: CallRecord;
beforeEach(async () => {
  desk = await openTestDesk();
  call = await desk.ok('startCall', {});
  await desk.ok('updateCall', { id: call.id, patch: { salutation: '王女士', reason: '订单物流异常' } });
});
afterEach(async () => {
  await desk.close();
});

type Case = [string, () => Promise<unknown>, string, string | undefined];
const refuse = <K extends MethodName>(method: K, request: RequestOf<K>) => () => desk.call(method, request);
const answered = async () => {
  desk.clock.advance(1);
  await desk.ok('answerCall', { id: call.id });
};

/** What a person might get wrong → the error code and the field it is shown next to. */
const cases: Case[] = [
  ['an answer time before the call time', refuse('answerCall', { id: 0, at: '14:10' }), 'answer_before_call', 'at'],
  ['an answer time in the future', refuse('answerCall', { id: 0, at: '15:30' }), 'time_future', 'at'],
  ['a call time that is not a time', refuse('startCall', { at: 'soon' }), 'time_format', 'at'],
  ['a phone number with fewer than four digits', refuse('updateCall', { id: 0, patch: { phone: '12' } }), 'phone_too_short', 'phone'],
  ['closing a call never answered', refuse('closeCall', { id: 0 }), 'not_answered', undefined],
  ['a transfer before the call is answered', refuse('transferCall', { id: 0, to: '技术部' }), 'not_answered', undefined],
  ['a step with no text', refuse('addStep', { id: 0, text: '  ' }), 'invalid_request', 'step'],
  ['a follow-up without a due time', refuse('setResult', { id: 0, result: 'in_progress', followUpOwner: '张工' }), 'follow_up_due_required', 'followUpDue'],
  ['a follow-up due in the past', refuse('setResult', { id: 0, result: 'in_progress', followUpDue: '2024-05-19 10:00', followUpOwner: '张工' }), 'follow_up_due_past', 'followUpDue'],
  ['a follow-up without an owner', refuse('setResult', { id: 0, result: 'in_progress', followUpDue: '2024-05-21 10:00' }), 'follow_up_owner_required', 'followUpOwner'],
  ['cannot-resolve without an explanation', refuse('setResult', { id: 0, result: 'cannot_resolve' }), 'result_note_required', 'resultNote'],
  ['an unknown category', () => desk.call('updateCall', { id: call.id, patch: { category: 'weather' } } as never), 'invalid_request', 'category'],
  ['an unknown field', () => desk.call('updateCall', { id: call.id, patch: { ssn: '1' } } as never), 'invalid_request', undefined],
  ['a score of 6', () => desk.call('updateCall', { id: call.id, patch: { scoreSpeed: 6 } }), 'invalid_request', 'scoreSpeed'],
  ['remarks over 10,000 characters', () => desk.call('updateCall', { id: call.id, patch: { remarks: 'x'.repeat(10_001) } }), 'invalid_request', 'remarks'],
  ['an id that is a string', () => desk.call('getCall', { id: '1' } as never), 'invalid_request', 'id'],
  ['a record that does not exist', refuse('getCall', { id: 999 }), 'not_found', undefined],
];

describe('bad input gets a clear error next to its field, and nothing saved is lost', () => {
  it.each(cases)('%s', async (_what, attempt, code, field) => {
    // Requests built with id 0 mean "the open call".
    const result = (await withCallId(attempt)) as { ok: boolean; error?: { code: string; field?: string; message: string } };
    expect(result.ok).toBe(false);
    expect(result.error?.code).toBe(code);
    expect(result.error?.field).toBe(field);
    expect(result.error?.message.length).toBeGreaterThan(10);
    const after = await desk.ok('getCall', { id: call.id });
    expect(after.salutation).toBe('王女士');
    expect(after.reason).toBe('订单物流异常');
    expect(after.recordNo).toBe(call.recordNo);
  });

  it('names the kind of schema problem, and its limit, so the page can say it in Chinese too', async () => {
    expect(await desk.call('updateCall', { id: call.id, patch: { remarks: 'x'.repeat(10_001) } })).toMatchObject({ ok: false, error: { problems: ['too_big:10000'] } });
    expect(await desk.call('updateCall', { id: call.id, patch: { category: 'weather' } } as never)).toMatchObject({ ok: false, error: { problems: ['invalid_value'] } });
    expect(await desk.call('updateCall', { id: call.id, patch: { ssn: '1' } } as never)).toMatchObject({ ok: false, error: { problems: ['unrecognized_keys'] } });
  });

  it('refuses closing without a result, and without a reason when the customer was unsatisfied', async () => {
    await answered();
    expect(await desk.call('closeCall', { id: call.id })).toMatchObject({ ok: false, error: { code: 'result_required', field: 'result' } });
    await desk.ok('setResult', { id: call.id, result: 'resolved' });
    await desk.ok('updateCall', { id: call.id, patch: { feedback: 'unsatisfied' } });
    expect(await desk.call('closeCall', { id: call.id })).toMatchObject({ ok: false, error: { code: 'feedback_reason_required', field: 'feedbackReason' } });
    await desk.ok('updateCall', { id: call.id, patch: { feedbackReason: '等待时间太长' } });
    expect((await desk.ok('closeCall', { id: call.id })).closedAt).not.toBeNull();
    expect(await desk.call('answerCall', { id: call.id })).toMatchObject({ ok: false, error: { code: 'already_closed' } });
  });

  it('refuses closing while a transfer waits, and a second answer', async () => {
    await answered();
    expect(await desk.call('answerCall', { id: call.id })).toMatchObject({ ok: false, error: { code: 'already_answered' } });
    await desk.ok('setResult', { id: call.id, result: 'resolved' });
    await desk.ok('transferCall', { id: call.id, to: '售后部' });
    expect(await desk.call('transferCall', { id: call.id, to: '技术部' })).toMatchObject({ ok: false, error: { code: 'transfer_pending' } });
    expect(await desk.call('closeCall', { id: call.id })).toMatchObject({ ok: false, error: { code: 'transfer_pending' } });
    await desk.ok('answerTransfer', { id: call.id });
    expect(await desk.call('answerTransfer', { id: call.id })).toMatchObject({ ok: false, error: { code: 'no_open_transfer' } });
  });

  it('refuses a desk code, name or zone that cannot be right, and a second set-up', async () => {
    const fresh = await openTestDesk({ setup: false });
    try {
      expect(await fresh.call('startCall', {})).toMatchObject({ ok: false, error: { code: 'desk_not_set_up' } });
      expect(await fresh.call('setupDesk', { code: 'A 03!', agentName: 'x', timeZone: 'Asia/Shanghai' })).toMatchObject({ ok: false, error: { field: 'code' } });
      expect(await fresh.call('setupDesk', { code: 'A03', agentName: 'x', timeZone: 'Mars/Olympus' })).toMatchObject({ ok: false, error: { code: 'unknown_time_zone', field: 'timeZone', problems: ['Mars/Olympus'] } });
      expect(await fresh.call('setupDesk', { code: 'A03', agentName: ' ', timeZone: 'Asia/Shanghai' })).toMatchObject({ ok: false, error: { field: 'agentName' } });
      expect(await fresh.ok('setupDesk', { code: 'a03', agentName: '李娜', timeZone: 'Asia/Shanghai' })).toEqual({ code: 'A03', agentName: '李娜', timeZone: 'Asia/Shanghai' });
      expect(await fresh.call('setupDesk', { code: 'B01', agentName: 'y', timeZone: 'Asia/Shanghai' })).toMatchObject({ ok: false, error: { code: 'desk_already_set_up' } });
    } finally {
      await fresh.close();
    }
  });

  it('stores SQL-injection text as plain text', async () => {
    const evil = "'); DROP TABLE calls; --";
    const saved = await desk.ok('updateCall', { id: call.id, patch: { reason: evil, remarks: '" OR 1=1 --' } });
    expect(saved.reason).toBe(evil);
    expect(await desk.ok('suggestReasons', { prefix: "'" })).toEqual([evil]);
    expect((await desk.ok('listDay', {})).records).toHaveLength(1);
  });

  /** Replaces id 0 in a case's request by the open call's id. */
  async function withCallId(attempt: () => Promise<unknown>): Promise<unknown> {
    const original = desk.call;
    desk.call = ((method: MethodName, request: { id?: number }) =>
      original(method, (request.id === 0 ? { ...request, id: call.id } : request) as never)) as typeof desk.call;
    try {
      return await attempt();
    } finally {
      desk.call = original;
    }
  }
});
