import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MethodName } from '../../../shared/api/contract';
import type { CallRecord } from '../../../shared/api/records';
import { defaultPolicy } from '../../../shared/policy/defaults';
import { openTestDesk, type TestDesk } from '../../helpers/tempStore';

/**
 * The bad-input table (docs/bad-input.md): each case is what a person or a
 * hostile page might send, and what must come of it: a clear error next to the
 * right field, or safe storage. After every case, what was saved before is intact.
 */
let desk: TestDesk;
let call: CallRecord;
beforeEach(async () => {
  desk = await openTestDesk();
  call = await desk.ok('startCall', {});
  await desk.ok('updateCall', { id: call.id, patch: { salutation: '王女士', reason: '订单物流异常', remarks: '已核实地址' } });
});
afterEach(async () => {
  await desk.close();
});

type Refused = { code: string; field?: string };
type Stored = { stored: (r: CallRecord) => unknown; expected: unknown };
interface Case {
  what: string;
  method: MethodName;
  request: (id: number) => unknown;
  outcome: Refused | Stored;
}

const ZERO_WIDTH_JOINER_FAMILY = '👩‍👩‍👧';
const policyWithLabel = (label: string) => {
  const policy = defaultPolicy('Asia/Shanghai');
  return { ...policy, priorities: policy.priorities.map((level, i) => (i === 0 ? { ...level, label: { ...level.label, zh: label } } : level)) };
};
const cases: Case[] = [
  // Text
  { what: 'remarks of 10,001 characters', method: 'updateCall', request: (id) => ({ id, patch: { remarks: 'x'.repeat(10_001) } }), outcome: { code: 'invalid_request', field: 'remarks' } },
  { what: 'remarks of exactly 10,000 characters', method: 'updateCall', request: (id) => ({ id, patch: { remarks: '话'.repeat(10_000) } }), outcome: { stored: (r) => r.remarks?.length, expected: 10_000 } },
  { what: 'a salutation over 200 characters', method: 'updateCall', request: (id) => ({ id, patch: { salutation: 'x'.repeat(201) } }), outcome: { code: 'invalid_request', field: 'salutation' } },
  { what: 'C0 control characters (bell, escape)', method: 'updateCall', request: (id) => ({ id, patch: { remarks: 'a\u0007b\u001bc' } }), outcome: { stored: (r) => r.remarks, expected: 'abc' } },
  { what: 'C1 control characters', method: 'updateCall', request: (id) => ({ id, patch: { remarks: 'a\u0085b\u009bc' } }), outcome: { stored: (r) => r.remarks, expected: 'abc' } },
  { what: 'a NUL character', method: 'updateCall', request: (id) => ({ id, patch: { reason: 'a\u0000b' } }), outcome: { stored: (r) => r.reason, expected: 'ab' } },
  { what: 'newlines and tabs are kept', method: 'updateCall', request: (id) => ({ id, patch: { remarks: '第一行\n\t第二行' } }), outcome: { stored: (r) => r.remarks, expected: '第一行\n\t第二行' } },
  { what: 'CRLF becomes LF', method: 'updateCall', request: (id) => ({ id, patch: { remarks: 'a\r\nb' } }), outcome: { stored: (r) => r.remarks, expected: 'a\nb' } },
  { what: 'emoji with joiners stored byte-identical', method: 'updateCall', request: (id) => ({ id, patch: { remarks: `客户很满意${ZERO_WIDTH_JOINER_FAMILY}😀` } }), outcome: { stored: (r) => r.remarks, expected: `客户很满意${ZERO_WIDTH_JOINER_FAMILY}😀` } },
  { what: 'combining marks normalised to NFC', method: 'updateCall', request: (id) => ({ id, patch: { salutation: 'Jose\u0301' } }), outcome: { stored: (r) => r.salutation, expected: 'Jos\u00e9' } },
  { what: 'right-to-left text stored as typed', method: 'updateCall', request: (id) => ({ id, patch: { remarks: 'مرحبا بالعميل' } }), outcome: { stored: (r) => r.remarks, expected: 'مرحبا بالعميل' } },
  { what: 'bidi override characters removed (Trojan Source)', method: 'updateCall', request: (id) => ({ id, patch: { remarks: 'ok\u202Etxt.exe\u2066x\u2069' } }), outcome: { stored: (r) => r.remarks, expected: 'oktxt.exex' } },
  { what: 'a whitespace-only reason clears it', method: 'updateCall', request: (id) => ({ id, patch: { reason: '   ' } }), outcome: { stored: (r) => r.reason, expected: null } },
  // Privacy
  { what: 'a full phone number in remarks', method: 'updateCall', request: (id) => ({ id, patch: { remarks: '回电 13800138000' } }), outcome: { stored: (r) => r.remarks, expected: '回电 ****8000' } },
  { what: 'a formatted phone number in a step', method: 'addStep', request: (id) => ({ id, text: '客户留号 +86 138-0013-8000' }), outcome: { stored: (r) => r.steps.at(-1)?.text, expected: '客户留号 ****8000' } },
  { what: 'full-width digits in the salutation', method: 'updateCall', request: (id) => ({ id, patch: { salutation: '王１３８００１３８０００' } }), outcome: { stored: (r) => r.salutation, expected: '王****8000' } },
  { what: 'an ID-card number in remarks', method: 'updateCall', request: (id) => ({ id, patch: { remarks: '身份证11010519491231002X' } }), outcome: { stored: (r) => r.remarks, expected: '身份证****002X' } },
  { what: 'a full number in the phone field keeps 4 digits', method: 'updateCall', request: (id) => ({ id, patch: { phone: '(010) 6552-1234' } }), outcome: { stored: (r) => r.phoneLast4, expected: '1234' } },
  { what: 'a phone with fewer than 4 digits', method: 'updateCall', request: (id) => ({ id, patch: { phone: '12' } }), outcome: { code: 'phone_too_short', field: 'phone' } },
  { what: 'a phone number typed with full-width separators', method: 'updateCall', request: (id) => ({ id, patch: { remarks: '回电 ＋８６　１３８－００１３－８０００' } }), outcome: { stored: (r) => r.remarks, expected: '回电 ****8000' } },
  { what: 'a record number in remarks stays readable', method: 'updateCall', request: (id) => ({ id, patch: { remarks: '同 CS20240520001' } }), outcome: { stored: (r) => r.remarks, expected: '同 CS20240520001' } },
  { what: 'a phone number as the desk code', method: 'setupDesk', request: () => ({ code: '13800138000', timeZone: 'Asia/Shanghai', agentName: '李娜' }), outcome: { code: 'invalid_request', field: 'code' } },
  { what: 'a phone number in a policy label', method: 'savePolicy', request: () => ({ policy: policyWithLabel('紧急 13800138000') }), outcome: { code: 'invalid_policy' } },
  // Times
  { what: 'an answer time before the call time', method: 'answerCall', request: (id) => ({ id, at: '14:10' }), outcome: { code: 'answer_before_call', field: 'at' } },
  { what: 'an answer time in the future', method: 'answerCall', request: (id) => ({ id, at: '2024-05-21 09:00' }), outcome: { code: 'time_future', field: 'at' } },
  { what: 'a call time that is not a time', method: 'startCall', request: () => ({ at: 'half past two' }), outcome: { code: 'time_format', field: 'at' } },
  { what: 'the 30th of February', method: 'startCall', request: () => ({ at: '2024-02-30 10:00' }), outcome: { code: 'time_format', field: 'at' } },
  { what: 'a follow-up due in the past', method: 'setResult', request: (id) => ({ id, result: 'in_progress', followUpDue: '2024-05-19 10:00', followUpOwner: '张工' }), outcome: { code: 'follow_up_due_past', field: 'followUpDue' } },
  { what: 'a follow-up without a due time', method: 'setResult', request: (id) => ({ id, result: 'in_progress', followUpOwner: '张工' }), outcome: { code: 'follow_up_due_required', field: 'followUpDue' } },
  // Vocabularies and shapes
  { what: 'an unknown category', method: 'updateCall', request: (id) => ({ id, patch: { category: 'weather' } }), outcome: { code: 'invalid_request', field: 'category' } },
  { what: 'a priority the policy does not have', method: 'updateCall', request: (id) => ({ id, patch: { priority: 'critical' } }), outcome: { code: 'invalid_request', field: 'priority' } },
  { what: 'an unknown field', method: 'updateCall', request: (id) => ({ id, patch: { ssn: '1' } }), outcome: { code: 'invalid_request' } },
  { what: 'an unknown top-level field', method: 'addStep', request: (id) => ({ id, text: 'x', isAdmin: true }), outcome: { code: 'invalid_request' } },
  { what: 'an id given as text', method: 'getCall', request: () => ({ id: '1 OR 1=1' }), outcome: { code: 'invalid_request', field: 'id' } },
  { what: 'a score of 0', method: 'updateCall', request: (id) => ({ id, patch: { scoreResolution: 0 } }), outcome: { code: 'invalid_request', field: 'scoreResolution' } },
  { what: 'a score of 3.5', method: 'updateCall', request: (id) => ({ id, patch: { scoreSpeed: 3.5 } }), outcome: { code: 'invalid_request', field: 'scoreSpeed' } },
  { what: 'a request that is not an object', method: 'updateCall', request: () => 'DROP TABLE calls', outcome: { code: 'invalid_request' } },
  { what: 'SQL in a text field is stored as text', method: 'updateCall', request: (id) => ({ id, patch: { handler: "x'); DELETE FROM calls; --" } }), outcome: { stored: (r) => r.handler, expected: "x'); DELETE FROM calls; --" } },
  { what: 'a record that does not exist', method: 'addStep', request: () => ({ id: 424242, text: 'x' }), outcome: { code: 'not_found' } },
];

describe('the bad-input table', () => {
  it('has at least 30 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it.each(cases.map((c) => [c.what, c] as const))('%s', async (_what, c) => {
    const before = await desk.ok('getCall', { id: call.id });
    const request = c.request(call.id);
    const result = await desk.call(c.method, request as never);
    if ('code' in c.outcome) {
      expect(result).toMatchObject({ ok: false, error: { code: c.outcome.code } });
      if (!result.ok) {
        expect(result.error.field).toBe(c.outcome.field);
        expect(result.error.message.length).toBeGreaterThan(10);
      }
    } else {
      expect(result.ok).toBe(true);
      const after = await desk.ok('getCall', { id: call.id });
      expect(c.outcome.stored(after)).toEqual(c.outcome.expected);
    }
    // Nothing saved before is lost: every field the case did not set on purpose is as it was.
    const after = await desk.ok('getCall', { id: call.id });
    const setOnPurpose = new Set(Object.keys((request as { patch?: object } | null)?.patch ?? {}));
    for (const field of ['salutation', 'reason', 'remarks', 'recordNo', 'callAt', 'answeredAt'] as const) {
      if (result.ok && setOnPurpose.has(field)) continue;
      expect(after[field]).toEqual(before[field]);
    }
    expect(desk.store.sqlite.prepare('SELECT count(*) FROM calls').pluck().get()).toBe(1);
  });
});
