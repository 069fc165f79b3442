import { describe, expect, it } from 'vitest';
import { CALL_MOMENTS, callFlowOf, flowRefusal, momentVerdict, type CallMoment, type FlowRecord, type FlowRefusalCode } from '../../../shared/domain/callFlow';

/** A call's states as the renderer holds them, from ringing to voided. */
const ringing: FlowRecord = { recordNo: 'CS20240520001', answeredAt: null, closedAt: null, result: null, feedback: null, feedbackReason: null, voided: null, transfers: [] };
const answered: FlowRecord = { ...ringing, answeredAt: 2 };
const withResult: FlowRecord = { ...answered, result: 'resolved' };
const transferPending: FlowRecord = { ...answered, transfers: [{ answeredAt: null }] };
const transferPendingWithResult: FlowRecord = { ...withResult, transfers: [{ answeredAt: 5 }, { answeredAt: null }] };
const transferAnswered: FlowRecord = { ...answered, transfers: [{ answeredAt: 5 }] };
const transferAnsweredWithResult: FlowRecord = { ...withResult, transfers: [{ answeredAt: 5 }] };
const unsatisfiedNoReason: FlowRecord = { ...withResult, feedback: 'unsatisfied', feedbackReason: null };
const unsatisfiedWithReason: FlowRecord = { ...withResult, feedback: 'unsatisfied', feedbackReason: '等待太久' };
const closed: FlowRecord = { ...withResult, closedAt: 9 };
const void_ = { at: 1, by: '李娜', reason: '误按新来电' };
const voidedRinging: FlowRecord = { ...ringing, voided: void_ };
const voidedPending: FlowRecord = { ...transferPending, voided: void_ };

const OK = 'allowed';
type Expect = typeof OK | FlowRefusalCode;
/** Each state's verdict for start, answer, transfer, answerTransfer, addStep, close (CALL_MOMENTS' order). */
const TABLE: Array<[string, FlowRecord, Expect[]]> = [
  ['ringing', ringing, [OK, OK, 'not_answered', 'no_open_transfer', OK, 'not_answered']],
  ['answered, no result', answered, [OK, 'already_answered', OK, 'no_open_transfer', OK, 'result_required']],
  ['answered with a result', withResult, [OK, 'already_answered', OK, 'no_open_transfer', OK, OK]],
  ['transfer unanswered', transferPending, [OK, 'already_answered', 'transfer_pending', OK, OK, 'transfer_pending']],
  ['transfer unanswered, result chosen', transferPendingWithResult, [OK, 'already_answered', 'transfer_pending', OK, OK, 'transfer_pending']],
  ['transfer answered, no result', transferAnswered, [OK, 'already_answered', OK, 'no_open_transfer', OK, 'result_required']],
  ['transfer answered with a result', transferAnsweredWithResult, [OK, 'already_answered', OK, 'no_open_transfer', OK, OK]],
  ['unsatisfied without a reason', unsatisfiedNoReason, [OK, 'already_answered', OK, 'no_open_transfer', OK, 'feedback_reason_required']],
  ['unsatisfied with a reason', unsatisfiedWithReason, [OK, 'already_answered', OK, 'no_open_transfer', OK, OK]],
  ['closed', closed, [OK, 'already_closed', 'already_closed', 'already_closed', OK, 'already_closed']],
  ['voided while ringing', voidedRinging, [OK, 'record_voided', 'record_voided', 'record_voided', 'record_voided', 'record_voided']],
  ['voided with a transfer unanswered', voidedPending, [OK, 'record_voided', 'record_voided', 'record_voided', 'record_voided', 'record_voided']],
];

const asExpect = (record: FlowRecord, moment: CallMoment): Expect => {
  const verdict = momentVerdict(record, moment);
  return verdict.allowed ? OK : verdict.code;
};

describe('the call flow: every moment in every state', () => {
  it.each(TABLE.flatMap(([state, record, row]) => CALL_MOMENTS.map((moment, i) => [state, moment, record, row[i]!] as const)))(
    '%s: %s → %s',
    (_state, moment, record, expected) => {
      expect(asExpect(record, moment)).toBe(expected);
    },
  );

  it('callFlowOf gives the same verdict as momentVerdict for each moment', () => {
    for (const [, record] of TABLE) {
      const flow = callFlowOf(record);
      expect(Object.keys(flow)).toEqual([...CALL_MOMENTS]);
      for (const moment of CALL_MOMENTS) expect(flow[moment]).toEqual(momentVerdict(record, moment));
    }
  });

  it('a refusal names the field its cause is in, and a voided record its number', () => {
    expect(flowRefusal(answered, 'result_required')).toEqual({ code: 'result_required', field: 'result' });
    expect(flowRefusal(transferPending, 'transfer_pending')).toEqual({ code: 'transfer_pending', field: 'transferTo' });
    expect(flowRefusal(unsatisfiedNoReason, 'feedback_reason_required')).toEqual({ code: 'feedback_reason_required', field: 'feedbackReason' });
    expect(flowRefusal(voidedRinging, 'record_voided')).toEqual({ code: 'record_voided', problems: ['CS20240520001'] });
    expect(flowRefusal(ringing, 'not_answered')).toEqual({ code: 'not_answered' });
  });
});
